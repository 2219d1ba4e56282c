import { SLOT_EXPIRATION_MS } from "../src/github/shared-write-slots.js";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { readMarker } from "../src/sync/marker.js";
import { pushPayload } from "../test/app/webhook-payloads.js";
import { appCredentials } from "../test/e2e/app-credentials.js";
import { AppProcess, sleep } from "../test/e2e/app-process.js";
import { startRedisServer } from "../test/jobs/redis-server.js";
import { GitHubSim } from "../test/sim/github-sim.js";

const REPO = { owner: "bench", repo: "recover" };
const FULL = `${REPO.owner}/${REPO.repo}`;
const TASKS = 5;
/** Killed once this many issues exist: mid-sync. */
const KILL_AFTER = 1;
const GIVE_UP_MS = 180_000;
const TARGET_MS = 15_000;

export interface RecoveryFigures {
  leaseMs: number;
  /** Kill → the dead run's repository lease gone from Redis (expired). */
  leaseGoneMs: number;
  /** Kill → the dead instance's job out of BullMQ's active list (the stalled check moved it). */
  stalledMs: number;
  /** Kill → the survivor's first request for the repository. */
  firstRequestMs: number;
  /** Kill → the survivor's first write for the repository: the recovery (the work is no longer stranded). */
  firstWriteMs: number;
  /** Kill → every task has exactly one issue: the sync finished. */
  recoveredMs: number;
  /** Writes the survivor sent (each spaced by the throttling). */
  writesAfterKill: number;
  /**
   * Slots of the shared write limiters (Bottleneck in Redis) still counted as running just after
   * the kill: the dead process's, since the survivor was not writing. Each blocks the survivor's
   * writes until it expires, SLOT_EXPIRATION_MS after it was taken (octokit's own 60 s, before).
   */
  heldSlots: number;
}

/** Running jobs of octokit's shared write and notification limiters, summed over their Redis keys. */
async function writeSlotsHeld(raw: Redis): Promise<number> {
  const keys = await raw.keys("b_octokit-*_settings");
  let running = 0;
  for (const key of keys.filter((k) => /octokit-(write|notifications)/.test(k)))
    running += Number((await raw.hget(key, "running")) ?? 0);
  return running;
}

const plan = (count: number) =>
  `# Plan RC\n\n${Array.from({ length: count }, (_, i) => `- [ ] RC-${i + 1} Task ${i + 1}\n`).join("")}`;

/**
 * `npm run bench -- recovery`: two app processes (`node dist/src/server.js`, so `npm run build`
 * first) share a real redis-server and the loopback simulator; one is killed with SIGKILL in the
 * middle of a sync, and the clock runs until the other has finished it. JOB_LEASE_MS comes from
 * BENCH_LEASE_MS (default 10000). Where the time goes is read off Redis (the lease key, BullMQ's
 * active list) and the simulator's request log, polled every 10 ms.
 */
export async function benchRecovery(leaseMs = Number(process.env.BENCH_LEASE_MS ?? 10_000)): Promise<RecoveryFigures> {
  const redis = await startRedisServer();
  if (!redis) throw new Error("redis-server is not on the PATH: install it (apt-get install -y redis-server)");
  const sim = new GitHubSim();
  sim.addRepo({ ...REPO, files: { "README.md": "# Recover\n" } });
  const server = await sim.listen();
  const { secret, privateKey } = appCredentials();
  const prefix = `bench-recovery-${randomUUID()}`;
  const env = { REDIS_URL: redis.url, REDIS_PREFIX: prefix, JOB_LEASE_MS: String(leaseMs), LOG_LEVEL: "info" };
  const apps = ["a", "b"].map((name) => new AppProcess({ name, secret, privateKey, simPort: server.port, env }));
  const raw = new Redis(redis.url);
  try {
    await Promise.all(apps.map((app) => app.start()));
    const { sha, before } = sim.commitFiles(FULL, "main", { "docs/plan.md": plan(TASKS) }, "Plan");
    await apps[0]!.deliver("push", pushPayload(REPO, { before, after: sha, added: ["docs/plan.md"] }));
    await apps[0]!.waitFor("the sync to be under way", 60_000, () =>
      sim.issues(FULL).length >= KILL_AFTER ? true : undefined,
    );
    const runner = apps.find((app) => app.jsonLines().some((line) => line.repo === FULL)) ?? apps[0]!;
    const survivor = apps.find((app) => app !== runner)!;
    await runner.stop("SIGKILL");
    const killedAt = Date.now();
    const heldSlots = await writeSlotsHeld(raw);
    const seen = sim.requests.length;
    const at = (since: number) => Date.now() - since;
    let logged = 0;
    const figures: RecoveryFigures = {
      leaseMs,
      leaseGoneMs: -1,
      stalledMs: -1,
      firstRequestMs: -1,
      firstWriteMs: -1,
      recoveredMs: -1,
      writesAfterKill: 0,
      heldSlots,
    };
    while (figures.recoveredMs < 0) {
      if (at(killedAt) > GIVE_UP_MS) throw new Error(`No recovery within ${GIVE_UP_MS} ms\n${survivor.logs()}`);
      if (figures.leaseGoneMs < 0 && (await raw.exists(`${prefix}:lock:${FULL}`)) === 0)
        figures.leaseGoneMs = at(killedAt);
      if (figures.stalledMs < 0 && (await raw.llen(`${prefix}:plansync-jobs:active`)) === 0)
        figures.stalledMs = at(killedAt);
      const mine = sim.requests.slice(seen).filter((r) => r.path.startsWith(`/repos/${FULL}/`));
      if (process.env.BENCH_VERBOSE)
        for (const r of sim.requests.slice(seen + logged))
          console.log(`${at(killedAt)} ${r.method} ${r.path} ${r.status}`);
      logged = sim.requests.length - seen;
      if (figures.firstRequestMs < 0 && mine.length > 0) figures.firstRequestMs = at(killedAt);
      if (figures.firstWriteMs < 0 && mine.some((r) => r.method !== "GET")) figures.firstWriteMs = at(killedAt);
      if (oneIssuePerTask(sim)) {
        figures.recoveredMs = at(killedAt);
        figures.writesAfterKill = mine.filter((r) => r.method !== "GET").length;
      }
      await sleep(10);
    }
    return figures;
  } finally {
    for (const app of apps) await app.stop("SIGKILL").catch(() => undefined);
    raw.disconnect();
    await server.close();
    redis.stop();
  }
}

function oneIssuePerTask(sim: GitHubSim): boolean {
  const ids = (sim.issues(FULL) as { body?: string | null }[]).map((issue) => readMarker(issue.body)?.id);
  return Array.from({ length: TASKS }, (_, i) => `RC-${i + 1}`).every(
    (id) => ids.filter((found) => found === id).length === 1,
  );
}

export function printRecovery(f: RecoveryFigures): void {
  const s = (ms: number) => (ms < 0 ? "never" : `${(ms / 1000).toFixed(1)} s`);
  console.log(
    `recovery after kill -9 of one of two instances: ${s(f.firstWriteMs)} (kill → the other instance writing the sync again; ` +
      `target < ${TARGET_MS / 1000} s; JOB_LEASE_MS=${f.leaseMs})`,
  );
  console.log(
    `  where the time goes, from the kill: BullMQ's stalled check handed the job on at ${s(f.stalledMs)}; ` +
      `the dead run's lease expired at ${s(f.leaseGoneMs)} (the rerun waits for it: that is the safety); ` +
      `first request ${s(f.firstRequestMs)}; throttling and reads before the first write ${s(f.firstWriteMs - f.firstRequestMs)} ` +
      `(write-limiter slots the dead process held: ${f.heldSlots}; each expires ${SLOT_EXPIRATION_MS / 1000} s after it was taken, shared-write-slots.ts)`,
  );
  console.log(
    `  the sync finished ${s(f.recoveredMs)} after the kill: ${f.writesAfterKill} writes after it, creates paced 3 s apart by the throttling`,
  );
}
