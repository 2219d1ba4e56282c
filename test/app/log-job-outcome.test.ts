import { Writable } from "node:stream";
import { pino } from "pino";
import type { Logger } from "probot";
import { describe, expect, it } from "vitest";
import { logJobOutcome } from "../../src/app/log-job-outcome.js";
import { SyncStoppedError } from "../../src/jobs/job-backend.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: pino({ level: "info" }, stream) as unknown as Logger, lines };
}

describe("logJobOutcome", () => {
  it("gives a stopped sync's applied and left operations as fields, and says what resumes it", async () => {
    const { log, lines } = capture();
    const error = new SyncStoppedError("octo/plans", 1, ["PF-2 (ticked in the doc)"], "GitHub answered 502");
    logJobOutcome(log, {
      kind: "sync",
      repo: "octo/plans",
      works: 1,
      attempt: 3,
      durationMs: 5,
      outcome: "failed",
      error,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      kind: "sync",
      repo: "octo/plans",
      attempt: 3,
      outcome: "failed",
      applied: 1,
      left: ["PF-2 (ticked in the doc)"],
      leftCount: 1,
      msg: "Job sync failed after 3 attempts; the next push or the periodic reconcile resumes it",
    });
    expect((lines[0]!.err as { type: string }).type).toBe("SyncStoppedError");
  });

  it("names at most a few of thousands of left operations, and counts them all", async () => {
    const { log, lines } = capture();
    const left = Array.from({ length: 2500 }, (_, i) => `T-${i} (create issue)`);
    const error = new SyncStoppedError("octo/plans", 0, left, "GitHub answered 401");
    expect(error.message).toBe(
      `The sync of octo/plans stopped part-way (GitHub answered 401): 0 of 2500 changes made, not made: ${left.slice(0, 10).join(", ")} and 2490 more. The job is retried with backoff; if every attempt fails, check GitHub's status and the app's installation permissions.`,
    );
    logJobOutcome(log, {
      kind: "sync",
      repo: "octo/plans",
      works: 1,
      attempt: 1,
      durationMs: 5,
      outcome: "retrying",
      error,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ level: 40, applied: 0, left: left.slice(0, 20), leftCount: 2500 });
  });
});
