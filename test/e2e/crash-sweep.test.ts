import { describe, expect, inject, it } from "vitest";
import { runTrial, type Scenario, type SweepBackend } from "./crash-sweep.js";

/**
 * The crash-point sweep, bounded for CI (bench/crash-sweep-bench.ts runs every k): the app as its
 * own process is killed with SIGKILL right after GitHub (the simulator) answered its k-th write,
 * and a new process on the same queue, given no new event, must reach the model's end state
 * (doc, issues and their markers, the check run on the pushed commit) by running the resumed job.
 * A first sync of 3 tasks makes 6 writes (a label, 3 creates, a close, the check run); the
 * write-back of two closes makes 3 (one doc commit, each issue's marker). Trials are independent
 * (own simulator, data directory, Redis prefix and installation), so they run side by side.
 * Needs `npm run build` (dist/) first.
 */

const redisUrl = inject("redisUrl");
const TASKS = 3;
const cases: { scenario: Scenario; ks: number[] }[] = [
  { scenario: "sync", ks: [1, 3, 5] },
  { scenario: "write-back", ks: [1] },
];

describe.concurrent("a crash of the app process, on either backend", () => {
  for (const backend of ["memory", "redis"] as SweepBackend[])
    for (const { scenario, ks } of cases)
      for (const k of ks)
        it.skipIf(backend === "redis" && !redisUrl)(
          `${backend}: killed after write ${k} of a ${scenario}, a restart with no new event reaches the model's end state`,
          async () => {
            const result = await runTrial({ scenario, backend, tasks: TASKS, k, redisUrl });
            expect(result.writesBeforeKill).toBe(k);
            expect(result.problems).toEqual([]);
          },
          180_000,
        );
});
