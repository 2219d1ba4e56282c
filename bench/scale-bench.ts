import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { BackendOptions, JobBackend } from "../src/jobs/job-backend.js";
import { MemoryBackend } from "../src/jobs/memory-backend.js";
import { RedisBackend } from "../src/jobs/redis-backend.js";
import { OWNER, REPO, startApp } from "../test/app/app-harness.js";
import { installationCreatedPayload } from "../test/app/webhook-payloads.js";
import { freePort } from "../test/e2e/app-process.js";
import { startRedisServer, type RunningRedis } from "../test/jobs/redis-server.js";
import { GitHubSim } from "../test/sim/github-sim.js";

const REPOS = 20;
const TASKS_PER_REPO = 25;
const NOOP_JOBS = 300;
const SCAN_FILES = 50;
const INSTANCE = fileURLToPath(new URL("./scale-instance.ts", import.meta.url));

export interface ScaleFigures {
  throughput: { setup: string; ms: number; syncsPerSecond: number; peakRssMb: number[] }[];
  perJobMs: { backend: string; ms: number }[];
  fullScan: { cache: string; fileReads: number; reads: number }[];
  redis: string | null;
}

/** `npm run bench -- scale`: the durable-and-distributed issue's figures. */
export async function benchScale(): Promise<ScaleFigures> {
  const redis = await startRedis();
  try {
    const throughput = [await throughputRun("in-process, 1 instance", 1, null)];
    if (redis) {
      throughput.push(await throughputRun("Redis, 1 instance", 1, redis.url));
      throughput.push(await throughputRun("Redis, 2 instances", 2, redis.url));
    }
    const perJobMs = [{ backend: "in-process", ms: await perJobOverhead(null) }];
    if (redis) perJobMs.push({ backend: "Redis", ms: await perJobOverhead(redis.url) });
    return { throughput, perJobMs, fullScan: await fullScanReads(), redis: redis?.url ?? null };
  } finally {
    redis?.stop();
  }
}

export function printScale(f: ScaleFigures): void {
  console.log(`\n## Scale (${REPOS} repositories × ${TASKS_PER_REPO} tasks, throttling off)`);
  if (!f.redis) console.log("redis-server not found: the Redis rows are missing (apt-get install -y redis-server)");
  for (const row of f.throughput)
    console.log(
      `${row.setup.padEnd(26)} ${String(Math.round(row.ms)).padStart(7)} ms  ${row.syncsPerSecond.toFixed(2).padStart(6)} syncs/s  peak RSS ${row.peakRssMb.map((mb) => `${mb.toFixed(0)} MB`).join(", ")}`,
    );
  console.log(`\nPer-job overhead (${NOOP_JOBS} no-op jobs on distinct repositories):`);
  for (const row of f.perJobMs) console.log(`${row.backend.padEnd(12)} ${row.ms.toFixed(3)} ms/job`);
  console.log(`\nRescan of an unchanged ${SCAN_FILES}-file repository:`);
  for (const row of f.fullScan)
    console.log(`${row.cache.padEnd(22)} ${String(row.fileReads).padStart(3)} file reads, ${row.reads} GETs in all`);
}

async function throughputRun(setup: string, instances: number, redisUrl: string | null) {
  const sim = new GitHubSim();
  for (let r = 0; r < REPOS; r++)
    sim.addRepo({ owner: "bench", repo: `repo-${r}`, installationId: 1, files: { "docs/plan.md": plan(r) } });
  const server = await sim.listen();
  const secret = randomUUID();
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs1",
    format: "pem",
  }) as string;
  const env = { SIM_PORT: String(server.port), PRIVATE_KEY: privateKey, WEBHOOK_SECRET: secret };
  const extra: Record<string, string> = redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `bench-${randomUUID()}` } : {};
  const procs = await Promise.all(
    Array.from({ length: instances }, () => startInstance({ ...env, ...extra, JOB_CONCURRENCY: "4" })),
  );
  const started = Date.now();
  for (let r = 0; r < REPOS; r++) {
    const payload = installationCreatedPayload({ owner: "bench", repo: `repo-${r}` });
    await deliver(procs[r % instances]!.port, secret, payload);
  }
  const done = () => [...Array(REPOS).keys()].every((r) => sim.issues(`bench/repo-${r}`).length === TASKS_PER_REPO);
  while (!done()) {
    if (Date.now() - started > 300_000) throw new Error(`${setup}: not done after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ms = Date.now() - started;
  const peakRssMb = await Promise.all(procs.map((p) => p.stop()));
  await server.close();
  if (sim.violations.length > 0) throw new Error(`${setup}: ${sim.violations.join("\n")}`);
  return { setup, ms, syncsPerSecond: REPOS / (ms / 1000), peakRssMb };
}

function plan(r: number): string {
  const tasks = Array.from(
    { length: TASKS_PER_REPO },
    (_, i) => `- [ ] R${r}-${i + 1} Task ${i + 1} of repository ${r}`,
  );
  return `# Plan ${r}\n\n${tasks.join("\n")}\n`;
}

async function startInstance(env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", INSTANCE], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  for (let i = 0; i < 300 && !lines.some((l) => l.includes('"ready"')); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const stop = async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    const rss = lines.filter((l) => l.startsWith('{"peakRssMb"')).map((l) => JSON.parse(l) as { peakRssMb: number });
    return rss[0]?.peakRssMb ?? NaN;
  };
  return { port, stop };
}

async function deliver(port: number, secret: string, payload: unknown): Promise<void> {
  const body = JSON.stringify(payload);
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "installation",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
}

/** Time per no-op job through each backend: what the queue itself costs. */
async function perJobOverhead(redisUrl: string | null): Promise<number> {
  let done = 0;
  const options: BackendOptions & { leaseMs: number } = {
    handler: async () => void done++,
    onOutcome: () => undefined,
    concurrency: 4,
    attempts: 1,
    backoffMs: 10,
    leaseMs: 30_000,
  };
  const backend: JobBackend = redisUrl
    ? new RedisBackend({ ...options, url: redisUrl, prefix: `bench-${randomUUID()}` })
    : new MemoryBackend(options);
  const started = process.hrtime.bigint();
  for (let i = 0; i < NOOP_JOBS; i++)
    await backend.enqueue({ kind: "write-back", installationId: 1, owner: "bench", repo: `r${i}`, issues: [i] });
  while (done < NOOP_JOBS) await new Promise((resolve) => setTimeout(resolve, 2));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await backend.close();
  return ms / NOOP_JOBS;
}

/** Reads of a rescan of an unchanged repository, with the blob cache and with one that never keeps anything. */
async function fullScanReads() {
  const files = Object.fromEntries(
    Array.from({ length: SCAN_FILES }, (_, i) => [`docs/area-${i}.md`, `# Area ${i}\n\n- [ ] SC-${i + 1} Task ${i}\n`]),
  );
  const rows = [];
  for (const [name, bytes] of [
    ["before (no cache)", 0],
    ["after (blob cache)", 64 * 1024 * 1024],
  ] as const) {
    const app = startApp(files, { cacheBytes: bytes });
    const installed = installationCreatedPayload({ owner: OWNER, repo: REPO });
    await app.receive("installation", installed);
    app.sim.resetLog();
    await app.receive("installation", installed);
    const reads = app.sim.reads();
    const fileReads = reads.filter((r) =>
      ["repos/get-content", "git/get-blob", "git/get-tree"].includes(r.operationId ?? ""),
    ).length;
    rows.push({ cache: name, fileReads, reads: reads.length });
    app.stop();
  }
  return rows;
}

/** The Redis the tests use (.ci/run's), else a throw-away redis-server; null when there is none. */
async function startRedis(): Promise<RunningRedis | null> {
  const given = process.env.PLANSYNC_TEST_REDIS_URL ?? process.env.REDIS_URL;
  return given ? { url: given, stop: () => undefined } : startRedisServer();
}
