import { existsSync } from "node:fs";
import { crashSweep, type Scenario, type SweepBackend, type TrialResult } from "../test/e2e/crash-sweep.js";
import { SERVER } from "../test/e2e/app-process.js";
import { startRedisServer } from "../test/jobs/redis-server.js";

export interface CrashSweepRow {
  scenario: Scenario;
  backend: SweepBackend;
  /** The scenario's writes in a run that is not killed. */
  n: number;
  ks: number[];
  failures: { k: number; problems: string[] }[];
  ms: number;
}

/**
 * The full crash-point sweep (issue #20): for a first sync of CRASH_SWEEP_TASKS tasks (3 by
 * default) and for a write-back, the app process is killed right after each k-th write, k = 1..n,
 * and restarted with no new event; see test/e2e/crash-sweep.ts. The two backends sweep side by
 * side; each trial takes 15–40 s (issue creations are throttled 3 s apart). Needs `npm run build`.
 */
export async function benchCrashSweep(): Promise<{ rows: CrashSweepRow[]; skipped: string[] }> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
  const tasks = Number(process.env.CRASH_SWEEP_TASKS ?? 3);
  const redis = await startRedisServer();
  const skipped = redis ? [] : ["redis (redis-server is not on the PATH: apt-get install -y redis-server)"];
  const backends: SweepBackend[] = redis ? ["memory", "redis"] : ["memory"];
  try {
    const perBackend = await Promise.all(
      backends.map(async (backend) => {
        const rows: CrashSweepRow[] = [];
        for (const scenario of ["sync", "write-back"] as Scenario[]) {
          const started = Date.now();
          const onTrial = (r: TrialResult) =>
            console.error(
              `  ${backend} ${scenario} k=${r.k ?? "none"}: ${r.problems.length === 0 ? "ok" : "FAILED"} (${r.ms} ms)`,
            );
          const { n, ks, results } = await crashSweep({
            scenario,
            backend,
            tasks,
            mode: "full",
            redisUrl: redis?.url,
            onTrial,
          });
          const failures = results.filter((r) => r.problems.length > 0).map((r) => ({ k: r.k!, problems: r.problems }));
          rows.push({ scenario, backend, n, ks, failures, ms: Date.now() - started });
        }
        return rows;
      }),
    );
    return { rows: perBackend.flat(), skipped };
  } finally {
    redis?.stop();
  }
}

export function printCrashSweep({ rows, skipped }: { rows: CrashSweepRow[]; skipped: string[] }): void {
  console.log("\nCrash-point sweep: kill -9 after the k-th write, restart with no new event");
  console.log("| scenario | backend | n writes | k tried | failures | time |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const row of rows)
    console.log(
      `| ${row.scenario} | ${row.backend} | ${row.n} | ${row.ks.join(", ")} | ${row.failures.length === 0 ? "none" : row.failures.map((f) => `k=${f.k}`).join(", ")} | ${(row.ms / 1000).toFixed(0)} s |`,
    );
  for (const row of rows)
    for (const failure of row.failures)
      console.log(`- ${row.scenario} on ${row.backend}, k=${failure.k}: ${failure.problems.join("; ")}`);
  for (const reason of skipped) console.log(`(skipped: ${reason})`);
}
