import { describe, expect, it } from "vitest";
import { pausedUntil, progressWithTimeLeft, syncEta } from "../../src/sync/sync-eta.js";
import type { Operation } from "../../src/sync/sync-types.js";

function creates(n: number): Operation[] {
  return Array.from({ length: n }, (_, i) => ({ kind: "create-issue", taskId: `T${i}` }) as unknown as Operation);
}

const label = { kind: "create-label", name: "plansync", color: "ededed", description: "" } as Operation;

describe("a sync's ETA", () => {
  it("says how long a 7,370-task first sync takes at the rate the budget admits", () => {
    const estimate = syncEta(creates(7_370), 7_370);
    expect(estimate.eta).toBe(
      "7,370 creates: about 18.9 h at 400 writes an hour (GitHub allows 500 content-creating requests an hour; " +
        "plansync keeps 50 as a margin and 50 for the installation's other repositories)",
    );
    expect(estimate.progress).toBe("0 of 7,370 done");
    // 18 hours' batches of 400, each an hour plus the 50 writes it waits for (3 s apart), then 170 more.
    expect(estimate.durationMs).toBe(18 * (3_600_000 + 49 * 3_000) + 169 * 3_000);
    expect(estimate.writes).toBe(7_370);
  });

  it("counts done from the plan and GitHub's state: tasks that already have an issue", () => {
    const estimate = syncEta([...creates(6_130), label], 7_370);
    expect(estimate.progress).toBe("1,240 of 7,370 done");
    expect(estimate.done).toBe(1_240);
    expect(estimate.eta).toMatch(/^6,131 writes \(6,130 creates\): about 15\.7 h at 400 writes an hour/);
  });

  it("says nothing of time when the sync fits in an hour's budget", () => {
    expect(syncEta(creates(400), 400).eta).toBeNull();
    expect(syncEta(creates(401), 401).eta).toMatch(/^401 creates: about 1\.0 h/);
  });

  it("words progress and a pause with the time it resumes, rounded down, by the door that resumes it", () => {
    expect(progressWithTimeLeft(1_240, 7_370, 6_130)).toBe("1,240 of 7,370 done; about 15.7 h left");
    const at = Date.UTC(2026, 11, 7, 14, 5, 30);
    expect([pausedUntil(at), pausedUntil(at, "action"), pausedUntil(at, "cli")]).toEqual([
      "paused until 14:05 UTC (GitHub's limit on content-creating requests); resumes by itself",
      "paused until 14:05 UTC (GitHub's limit on content-creating requests); run the workflow again after 14:05 UTC, or the next scheduled run resumes it",
      "paused until 14:05 UTC (GitHub's limit on content-creating requests); run `plansync sync` again after 14:05 UTC",
    ]);
  });
});
