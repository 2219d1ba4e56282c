import { describe, expect, it } from "vitest";
import { scheduleMaintenance } from "../../src/app/schedule-maintenance.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import type { Work } from "../../src/jobs/work.js";

/** The embedded backend, whose enqueue fails as Redis's does when it does not answer in time. */
class EnqueueFails extends MemoryBackend {
  readonly scheduled: [string, number][] = [];
  override async enqueue(): Promise<void> {
    throw new Error("Redis, asked to queue a job, did not answer within 5000 ms");
  }
  override async every(work: Work, intervalMs: number): Promise<void> {
    this.scheduled.push([work.kind, intervalMs]);
    await super.every(work, intervalMs);
  }
}

describe("scheduleMaintenance", () => {
  it("sets both schedules even when the start-up redelivery cannot be queued, and says what failed", async () => {
    const backend = new EnqueueFails({
      handler: async () => {},
      onOutcome: () => {},
      concurrency: 1,
      attempts: 1,
      backoffMs: 0,
    });
    await expect(scheduleMaintenance(backend, { RECONCILE_INTERVAL_MS: "3600000" })).rejects.toThrow(/did not answer/);
    expect(backend.scheduled).toEqual([
      ["redeliver", 15 * 60_000],
      ["reconcile", 3_600_000],
    ]);
    await backend.every({ kind: "redeliver" }, 0);
    await backend.every({ kind: "reconcile" }, 0);
  });
});
