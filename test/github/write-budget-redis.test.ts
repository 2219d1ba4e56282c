import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { RedisWriteBudget } from "../../src/github/redis-write-budget.js";
import { HOUR_MS, MemoryWriteBudget, MINUTE_MS } from "../../src/github/write-budget.js";
import { PLANSYNC_WRITE_BUDGET } from "../../src/sync/github-limits.js";

const redisUrl = inject("redisUrl");
const clients: Redis[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

/** One instance's connection to the shared Redis, as each app process has its own. */
function connect(): Redis {
  const client = new Redis(redisUrl);
  clients.push(client);
  return client;
}

// On the callers' virtual clock ("caller"): Redis's own clock, the production one, cannot be
// moved through an hour; write-budget-redis-clock.test.ts covers it.
describe.skipIf(!redisUrl)("the write budget on Redis", () => {
  it("answers as the in-memory budget does, call for call", async () => {
    const client = connect();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 1_200_000 })),
            count: fc.integer({ min: 1, max: 120 }),
            repo: fc.constantFrom("a/bulk", "a/small", "b/other"),
            chunk: fc.integer({ min: 1, max: 60 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (bursts) => {
          const prefix = `test-budget-${randomUUID()}`;
          const shared = new RedisWriteBudget(client, prefix, PLANSYNC_WRITE_BUDGET, "caller");
          const memory = new MemoryWriteBudget();
          let now = 1_700_000_000_000;
          for (const { gapMs, count, repo, chunk } of bursts) {
            now += gapMs;
            for (let i = 0; i < count; i++) {
              const expected = memory.reserveNow("inst", repo, now, chunk);
              expect(await shared.reserve("inst", repo, now, chunk)).toEqual(expected);
              now += i % 3 === 0 ? 500 : 0;
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it("admits no more than the limits when two instances reserve at once", async () => {
    const prefix = `test-budget-${randomUUID()}`;
    const one = new RedisWriteBudget(connect(), prefix, PLANSYNC_WRITE_BUDGET, "caller");
    const two = new RedisWriteBudget(connect(), prefix, PLANSYNC_WRITE_BUDGET, "caller");
    const admitted: number[] = [];
    const start = 1_700_000_000_000;
    // Every 30 s for 70 minutes, both instances ask for 20 writes each, all at once.
    for (let now = start; now < start + 70 * MINUTE_MS; now += 30_000) {
      const asks = Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).reserve("inst", `r/${i % 3}`, now));
      for (const { waitMs } of await Promise.all(asks)) if (waitMs === 0) admitted.push(now);
    }
    const inWindow = (from: number, span: number) => admitted.filter((t) => t >= from && t < from + span).length;
    for (const t of admitted) {
      expect(inWindow(t, MINUTE_MS)).toBeLessThanOrEqual(PLANSYNC_WRITE_BUDGET.perMinute);
      expect(inWindow(t, HOUR_MS)).toBeLessThanOrEqual(PLANSYNC_WRITE_BUDGET.perHour);
    }
    // The budget was used, not merely refused: the first minute filled to its limit.
    expect(inWindow(start, MINUTE_MS)).toBe(PLANSYNC_WRITE_BUDGET.perMinute);
  });
});
