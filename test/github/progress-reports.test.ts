import { describe, expect, it } from "vitest";
import { PROGRESS_EVERY_MS, progressReports } from "../../src/github/progress-reports.js";
import type { Reporter } from "../../src/github/reporter.js";
import { syncEta } from "../../src/sync/sync-eta.js";
import type { Operation } from "../../src/sync/sync-types.js";

const create = { kind: "create-issue" } as Operation;
const log = { warn: () => undefined };

function reporter(lines: string[]): Reporter {
  const unused = async () => {
    throw new Error("not used here");
  };
  return {
    started: unused,
    synced: unused,
    previewed: unused,
    notice: unused,
    progressed: async (_sha, line) => void lines.push(line),
  };
}

describe("progress reports of a long sync", () => {
  it("tells the reporter how far it came at most once per PROGRESS_EVERY_MS of wall time", async () => {
    const lines: string[] = [];
    const clock = { now: 0 };
    const estimate = syncEta(
      Array.from({ length: 1_000 }, () => create),
      1_240,
    );
    const progress = progressReports(reporter(lines), "sha", estimate, { now: () => clock.now, log });
    for (let i = 0; i < 200; i++) {
      clock.now += 3_000; // one create every 3 s: 600 s in all
      progress.applied(create);
    }
    await progress.settled();
    // 240 tasks had issues before; the report at 300 s counts the 100 created by then.
    expect(lines).toEqual(["340 of 1,240 done; about 2.2 h left", "440 of 1,240 done; about 1.4 h left"]);
    expect(PROGRESS_EVERY_MS).toBe(300_000);
  });

  it("sends nothing for a sync that fits in the hour, however long it runs", async () => {
    const lines: string[] = [];
    const clock = { now: 0 };
    const progress = progressReports(reporter(lines), "sha", syncEta([create, create], 2), {
      now: () => clock.now,
      log,
    });
    clock.now += 10 * PROGRESS_EVERY_MS;
    progress.applied(create);
    await progress.settled();
    expect(lines).toEqual([]);
  });
});
