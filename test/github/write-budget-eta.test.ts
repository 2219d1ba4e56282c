import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { benchWriteBudget, simulateFirstSync } from "../../bench/write-budget-bench.js";
import { syncEta } from "../../src/sync/sync-eta.js";
import type { Operation } from "../../src/sync/sync-types.js";

function etaMs(writes: number): number {
  const operations = Array.from({ length: writes }, () => ({ kind: "create-issue" }) as Operation);
  return syncEta(operations, writes).durationMs;
}

describe("the ETA against a first sync under the budget, on a virtual clock", () => {
  it("is within 10% of the simulated duration for any sync longer than an hour's budget", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 401, max: 8_000 }), fc.constantFrom(401, 799, 800, 801, 7_370)),
        (writes) => {
          const run = simulateFirstSync(writes);
          expect(Math.abs(etaMs(writes) - run.durationMs)).toBeLessThanOrEqual(0.1 * run.durationMs);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("meets the bench row for the issue's 7,370-task first sync", () => {
    const row = benchWriteBudget();
    expect(row.eta).toMatch(/^7,370 creates: about 18\.9 h at 400 writes an hour/);
    expect(row.pauses).toBe(18);
    expect(row.ok).toBe(true);
  });
});
