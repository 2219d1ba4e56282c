import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GITHUB_WRITE_LIMITS, PLANSYNC_WRITE_BUDGET } from "../../src/sync/github-limits.js";
import { HOUR_MS, MemoryWriteBudget, MINUTE_MS } from "../../src/github/write-budget.js";

/** The most admitted in any window of `spanMs` (times sorted ascending). */
function busiest(times: readonly number[], spanMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= spanMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** Arrivals in bursts: a gap in ms before the burst, how many writes, and which repository. */
const arrivals = fc
  .array(
    fc.record({
      gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 900_000 })),
      count: fc.integer({ min: 1, max: 200 }),
      repo: fc.constantFrom("a/bulk", "a/small", "a/other", "b/x"),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((bursts) =>
    bursts.flatMap(({ gapMs, count, repo }) =>
      Array.from({ length: count }, (_, i) => ({ gapMs: i === 0 ? gapMs : 0, repo })),
    ),
  );

/**
 * Each arrival asks until it is admitted, waiting what the budget says (on a virtual clock), as
 * the hook does; the clock only moves forward.
 */
function run(budget: MemoryWriteBudget, sequence: { gapMs: number; repo: string }[]): number[] {
  let now = 0;
  const admitted: number[] = [];
  for (const { gapMs, repo } of sequence) {
    now += gapMs;
    for (;;) {
      const { waitMs } = budget.reserveNow("inst", repo, now);
      if (waitMs === 0) break;
      expect(waitMs).toBeGreaterThan(0);
      now += waitMs;
    }
    admitted.push(now);
  }
  return admitted;
}

describe("the write budget", () => {
  it("keeps plansync's margin under GitHub's limits", () => {
    expect(PLANSYNC_WRITE_BUDGET.perMinute).toBeLessThan(GITHUB_WRITE_LIMITS.perMinute);
    expect(PLANSYNC_WRITE_BUDGET.perHour).toBeLessThan(GITHUB_WRITE_LIMITS.perHour);
  });

  it("admits no more than the minute's and the hour's limit in any window, whatever arrives", () => {
    fc.assert(
      fc.property(arrivals, (sequence) => {
        const times = run(new MemoryWriteBudget(), sequence);
        expect(times).toHaveLength(sequence.length);
        expect(busiest(times, MINUTE_MS)).toBeLessThanOrEqual(PLANSYNC_WRITE_BUDGET.perMinute);
        expect(busiest(times, HOUR_MS)).toBeLessThanOrEqual(PLANSYNC_WRITE_BUDGET.perHour);
      }),
      { numRuns: 60 },
    );
  });

  it("lets a bulk repository fill the hour only up to the reserve, counted per installation", () => {
    const budget = new MemoryWriteBudget();
    let admitted = 0;
    for (let t = 0; t < 30 * MINUTE_MS; t += 1_000) if (budget.reserveNow("inst", "a/bulk", t).waitMs === 0) admitted++;
    expect(admitted).toBe(PLANSYNC_WRITE_BUDGET.perHour - PLANSYNC_WRITE_BUDGET.reserve);
    // Another installation has a budget of its own.
    expect(budget.reserveNow("other", "a/bulk", 30 * MINUTE_MS).waitMs).toBe(0);
  });

  it("admits a small sync of another repository within the reserve, never after the hour, however the bulk one writes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 8_000 }), { minLength: 1, maxLength: 1_200, size: "max" }),
        fc.array(fc.integer({ min: 0, max: 3 * HOUR_MS }), { maxLength: PLANSYNC_WRITE_BUDGET.reserve - 1 }),
        (bulkGaps, smallAt) => {
          const budget = new MemoryWriteBudget();
          let at = 0;
          const bulk = bulkGaps.map((gap) => ({ at: (at += gap), repo: "a/bulk" }));
          const events = [...bulk, ...smallAt.map((t) => ({ at: t, repo: "a/small" }))].sort((x, y) => x.at - y.at);
          for (const { at, repo } of events) {
            const { waitMs } = budget.reserveNow("inst", repo, at);
            // The small repository waits at most for the minute's window, never for the hour's.
            if (repo === "a/small") expect(waitMs).toBeLessThanOrEqual(MINUTE_MS);
          }
        },
      ),
      // Unshrunk: a counterexample of a thousand writes shrinks for minutes.
      { numRuns: 60, endOnFailure: true },
    );
  });

  it("says when a useful stretch of writes fits again, later than one write", () => {
    const budget = new MemoryWriteBudget();
    for (let t = 0; t < 8 * MINUTE_MS; t += 1_000) budget.reserveNow("inst", "a/bulk", t);
    const now = 10 * MINUTE_MS;
    const { waitMs, chunkWaitMs } = budget.reserveNow("inst", "a/bulk", now, 50);
    // One a second from 0 s until the 400th (399 s): the first ages out at 3,600 s, the 50th at 3,649 s.
    expect(waitMs).toBe(HOUR_MS - now);
    expect(chunkWaitMs).toBe(HOUR_MS + 49_000 - now);
  });
});
