// Regression, issue #22 (write budget / reporters): the resume time shown in a paused sync's report. The job is
// delayed by exactly the pause's wait (job-handler.ts: RetryLaterError(resumeAfterMs); the
// backends run it again after that long), so it resumes at `at`. pausedUntil rounds `at` UP to the
// minute, so the sync resumes up to 59 s BEFORE the time it names ("paused until 14:05", running
// again at 14:04:10), the opposite of what its comment promises ("a sync said to resume at 14:05
// never starts before it").
import { describe, expect, it } from "vitest";
import { pausedUntil } from "../../src/sync/sync-eta.js";

describe("the resume time a paused sync shows", () => {
  it("names no time later than the moment the job runs again", () => {
    const resumesAt = Date.UTC(2026, 11, 7, 14, 4, 10); // the job's delay ends at 14:04:10
    const shown = /paused until (\d\d):(\d\d) UTC/.exec(pausedUntil(resumesAt))!;
    const shownAt = Date.UTC(2026, 11, 7, Number(shown[1]), Number(shown[2]));
    expect(new Date(shownAt).toISOString().slice(11, 16)).toBe("14:04");
    expect(shownAt).toBeLessThanOrEqual(resumesAt);
  });
});
