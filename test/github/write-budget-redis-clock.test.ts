// Regression, issue #22 (write budget): two app instances share the budget through Redis, but each passes its
// own clock's `now` to the Lua script, which both purges the shared sorted set by it
// (ZREMRANGEBYSCORE -inf now-1h) and counts the minute by it. An instance whose clock is ahead by
// one second deletes the other instance's writes from the hour a second early and misses them
// in the minute, so the installation exceeds GitHub's 80 a minute in real time.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { RedisWriteBudget } from "../../src/github/redis-write-budget.js";

const redisUrl = inject("redisUrl");
const clients: Redis[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

function connect(): Redis {
  const client = new Redis(redisUrl);
  clients.push(client);
  return client;
}

const T0 = 1_700_000_000_000;
const SKEW_MS = 1_000; // instance A's clock runs one second ahead of instance B's (and GitHub's)

/** The most admissions (by true time) in any closed window of `spanMs`. */
function busiest(times: number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! > spanMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe.skipIf(!redisUrl)("the Redis write budget with clocks a second apart", () => {
  it("admits at most 80 content-creating writes in any 59 s of real time", async () => {
    const prefix = `test-budget-skew-${randomUUID()}`;
    const a = new RedisWriteBudget(connect(), prefix);
    const b = new RedisWriteBudget(connect(), prefix);
    const admitted: number[] = []; // true times
    // Instance B (correct clock) bursts through the minute at T0.
    for (let i = 0; i < 100; i++) if ((await b.reserve("42", "octo/b", T0)).waitMs === 0) admitted.push(T0);
    // Instance A, 59 s later in real time, reads its own clock: T0 + 60 s.
    const trueAt = T0 + 59_000;
    for (let i = 0; i < 100; i++)
      if ((await a.reserve("42", "octo/a", trueAt + SKEW_MS)).waitMs === 0) admitted.push(trueAt);
    expect(busiest(admitted, 59_000)).toBeLessThanOrEqual(80);
  });
});
