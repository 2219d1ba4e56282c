import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { RetryLaterError, type BackendOptions, type JobBackend, type QueueDepth } from "./job-backend.js";
import { runAndReport } from "./run-and-report.js";
import { withTimeout } from "./with-timeout.js";
import { RepoLease } from "./repo-lease.js";
import { DEFAULT_PREFIX, redisKeys } from "./redis-keys.js";
import { kindOf, repoOf, workKey, type Work } from "./work.js";

export interface RedisBackendOptions extends BackendOptions {
  url: string;
  /** The repository lease and BullMQ's job lock, in ms: a dead instance's job moves on after about this long. */
  leaseMs: number;
  /** Namespaces every key, BullMQ's included: instances sharing a prefix share their jobs. */
  prefix?: string;
  /** Told of Redis connection errors (each reconnect attempt while Redis is down). */
  onConnectionError?: (error: Error) => void;
}

interface Trigger {
  key: string;
  /** Work a repeating schedule carries itself (it has no enqueue to leave it in the pending list). */
  work?: Work;
}

const QUEUE = "plansync-jobs";
/** How long a webhook may wait for Redis to take its job. */
const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * How many leases a run waiting for its repository sleeps before it looks again by itself. Only
 * a releaser that died between freeing the lease and waking the waiters leaves it to this: a
 * holder that died is run again elsewhere (BullMQ's stalled check), and that run wakes them.
 */
const LEASE_WAIT_FALLBACK_LEASES = 10;

/** How often each instance looks for work left without a job, besides at start. */
const SWEEP_EVERY_MS = 60_000;

/** Moves a key's pending work into the run's in-flight list, atomically, and returns that list. */
const CLAIM = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, item in ipairs(items) do redis.call('RPUSH', KEYS[2], item) end
redis.call('DEL', KEYS[1])
return redis.call('LRANGE', KEYS[2], 0, -1)`;

/** Puts a dead run's in-flight work back in front of its key's pending work, atomically. */
const RESTORE = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for i = #items, 1, -1 do redis.call('LPUSH', KEYS[2], items[i]) end
redis.call('DEL', KEYS[1])
return #items`;

/**
 * BullMQ on Redis: jobs survive restarts and are shared by every instance. A job is a trigger
 * for a key (kind and repository); its work waits in a Redis list, so any number of pushes
 * merge into the next run. BullMQ's deduplication keeps one trigger per key until it finishes,
 * which makes a write-back's delay a window that later closes join.
 *
 * Nothing is stranded:
 * - work that arrives while its key's run is active is kept by BullMQ (`keepLastIfActive`) and
 *   becomes the next trigger in the same script that finishes the run, so neither a shutdown
 *   nor a crash after the run can lose it;
 * - every instance, on start and every minute, triggers pending work that has no job and puts
 *   back the in-flight work of runs whose job is gone (a crash BullMQ gave up on).
 *
 * A run holds its repository's lease (repo-lease.ts) on a connection whose commands time out;
 * the lease's signal aborts by a local deadline, and the job's client refuses every write after
 * it (lease-guard.ts). A run that finds the lease taken waits on the repository's waiting list,
 * and the releaser wakes it; a long fallback delay covers a releaser that died.
 */
export class RedisBackend implements JobBackend {
  readonly name = "redis";
  private readonly redis: Redis;
  /** The lease's own connection: its commands fail after a timeout instead of waiting for a reconnect. */
  private readonly leaseRedis: Redis;
  private readonly queue: Queue<Trigger>;
  private readonly worker: Worker<Trigger>;
  private readonly keys: ReturnType<typeof redisKeys>;
  /** BullMQ leaves connections it was given open on close: these are closed here. */
  private readonly connections: Redis[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: RedisBackendOptions) {
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    this.keys = redisKeys(prefix);
    this.redis = this.connect();
    this.redis.defineCommand("plansyncClaim", { numberOfKeys: 2, lua: CLAIM });
    this.redis.defineCommand("plansyncRestore", { numberOfKeys: 2, lua: RESTORE });
    this.leaseRedis = this.connect({
      // Shorter than the lease's margin would be pointless: the local deadline is what stops
      // writes. This only keeps a renewal from hanging past it.
      commandTimeout: Math.max(100, Math.floor(options.leaseMs / 4)),
      maxRetriesPerRequest: 1,
    });
    this.queue = new Queue<Trigger>(QUEUE, { connection: this.connect(), prefix });
    this.worker = new Worker<Trigger>(QUEUE, (job, token) => this.process(job, token), {
      connection: this.connect(),
      prefix,
      concurrency: options.concurrency,
      // BullMQ's lock only decides when a dead instance's job is handed on; the repository lease
      // is what keeps two runs apart. Shorter than the lease, so the job has moved on by the time
      // the dead run's lease expires: recovery takes about one lease, not three.
      lockDuration: Math.ceil(options.leaseMs / 2),
      stalledInterval: Math.ceil(options.leaseMs / 4),
      maxStalledCount: 2,
    });
    // BullMQ reports connection trouble here too; without a listener Node would crash the process.
    this.worker.on("error", (error) => options.onConnectionError?.(error));
    this.queue.on("error", (error) => options.onConnectionError?.(error));
    const sweep = () => void this.sweep().catch((error: Error) => options.onConnectionError?.(error));
    sweep();
    // Again now and then: a job BullMQ gives up after it stalled too often leaves its work in flight.
    this.sweeper = setInterval(sweep, SWEEP_EVERY_MS).unref();
  }

  /** BullMQ's workers block on Redis, so its commands wait for a reconnect rather than fail. */
  private connect(overrides: { commandTimeout?: number; maxRetriesPerRequest?: number } = {}): Redis {
    const connection = new Redis(this.options.url, { maxRetriesPerRequest: null, ...overrides });
    connection.on("error", (error: Error) => this.options.onConnectionError?.(error));
    this.connections.push(connection);
    return connection;
  }

  /**
   * Bounded: a webhook waits on it, and one unanswered within GitHub's 10 s is recorded as a
   * failed delivery, which plansync redelivers once Redis answers again.
   */
  async enqueue(work: Work, { delayMs = 0 }: { delayMs?: number } = {}): Promise<void> {
    const key = workKey(work);
    const queued = (async () => {
      await this.redis.rpush(this.keys.pending(key), JSON.stringify(work));
      await this.trigger(key, delayMs);
    })();
    await withTimeout(queued, ENQUEUE_TIMEOUT_MS, "Redis, asked to queue a job,");
  }

  async every(work: Work, intervalMs: number): Promise<void> {
    const key = workKey(work);
    const id = `every-${key.replace(/:/g, "-")}`;
    if (intervalMs <= 0) {
      await this.queue.removeJobScheduler(id);
      return;
    }
    const data: Trigger = { key, work };
    const existing = await this.queue.getJobScheduler(id);
    // Left as it is when unchanged: a deploy must neither trigger a run nor push the next one back.
    if (existing?.every === intervalMs && JSON.stringify(existing.template?.data) === JSON.stringify(data)) return;
    await this.queue.upsertJobScheduler(
      id,
      { every: intervalMs, startDate: Date.now() + intervalMs },
      { name: work.kind, data, opts: this.jobOptions() },
    );
  }

  async claimOnce(name: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.keys.once(name), "1", "PX", ttlMs, "NX")) === "OK";
  }

  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts("waiting", "delayed", "active", "prioritized");
    const [oldest] = await this.queue.getJobs(["waiting", "prioritized"], 0, 0, true);
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      oldestAgeMs: oldest ? Math.max(0, Date.now() - oldest.timestamp) : 0,
    };
  }

  /** Running jobs finish; waiting and delayed ones stay in Redis for the other instances or the next start. */
  async close(): Promise<void> {
    // Not waiting for a sweep: with Redis down it waits for a reconnect, and would hold the shutdown.
    clearInterval(this.sweeper);
    await this.worker.close();
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
  }

  /** Resolves once no job waits, is delayed or runs, on any instance: for tests and benchmarks. */
  async idle(pollMs = 20): Promise<void> {
    for (;;) {
      const depth = await this.depth();
      if (depth.waiting + depth.delayed + depth.active === 0) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /**
   * One trigger per key: while one waits, a new one joins it; while one runs, BullMQ keeps the
   * new one and adds it when the run finishes, in the same script (`keepLastIfActive`).
   */
  private async trigger(key: string, delayMs: number): Promise<void> {
    await this.queue.add(
      kindOf(key),
      { key },
      { ...this.jobOptions(), delay: delayMs, deduplication: { id: key, keepLastIfActive: true } },
    );
  }

  private jobOptions() {
    return {
      attempts: this.options.attempts,
      backoff: { type: "exponential" as const, delay: this.options.backoffMs },
      removeOnComplete: true,
      removeOnFail: 1000,
    };
  }

  private async process(job: Job<Trigger>, token: string | undefined): Promise<void> {
    const { key } = job.data;
    const repo = repoOf(key);
    const leaseKeys = { lock: this.keys.lock(repo), waiting: this.keys.waiting(repo) };
    const lease = await RepoLease.acquire(this.leaseRedis, leaseKeys, this.options.leaseMs, job.id!);
    if (!(lease instanceof RepoLease)) {
      // An earlier run of this job died holding the lease: nobody will release it, so this run
      // waits for it to expire. Any other holder wakes the run when it releases.
      const waitMs = lease.ownJob ? lease.ttlMs + 10 : LEASE_WAIT_FALLBACK_LEASES * this.options.leaseMs;
      await this.waitForLease(job, token, leaseKeys, waitMs);
      throw new DelayedError();
    }
    let waiting: string[] = [];
    try {
      // Work still in flight from an earlier run of this job, or a job handed on as stalled: that
      // run never finished, and may have died between its last write and its report.
      const resumed = job.stalledCounter > 0 || (await this.redis.llen(this.keys.inflight(job.id!))) > 0;
      const works = [...(await this.claim(key, job.id!)), ...(job.data.work ? [job.data.work] : [])];
      if (works.length === 0) return;
      const attempt = job.attemptsMade + 1;
      const { outcome, error } = await runAndReport(this.options, key, works, attempt, lease.signal, resumed);
      // A rate limit waits without spending an attempt, for as long as GitHub asks; the claimed
      // work stays in flight for the next run.
      if (error instanceof RetryLaterError) {
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      // Done, or given up: the claimed work leaves with it (the drift sweep heals the rest).
      if (outcome === "done" || outcome === "failed") await this.redis.del(this.keys.inflight(job.id!));
      if (outcome !== "done") throw error;
    } finally {
      waiting = await lease.release().catch(() => []);
      await this.wake(waiting);
    }
  }

  /**
   * Puts the job on the repository's waiting list and delays it by `waitMs`. If the lease was
   * freed meanwhile, no releaser saw the job on the list, so it wakes itself.
   */
  private async waitForLease(
    job: Job<Trigger>,
    token: string | undefined,
    keys: { lock: string; waiting: string },
    waitMs: number,
  ) {
    await this.redis.sadd(keys.waiting, job.id!);
    await job.moveToDelayed(Date.now() + waitMs, token);
    if ((await this.redis.exists(keys.lock)) === 0) await this.wake([job.id!]);
  }

  /** Starts delayed jobs that waited for a lease now free (one already started is left alone). */
  private async wake(jobIds: string[]): Promise<void> {
    for (const id of jobIds) {
      const job = await this.queue.getJob(id).catch(() => undefined);
      await job?.promote().catch(() => undefined);
    }
  }

  private async claim(key: string, jobId: string): Promise<Work[]> {
    const claim = (this.redis as unknown as Record<string, (...args: string[]) => Promise<string[]>>).plansyncClaim!;
    const items = await claim.call(this.redis, this.keys.pending(key), this.keys.inflight(jobId));
    return items.map((item) => JSON.parse(item) as Work);
  }

  /**
   * On start and every minute: work some instance left without a job (it died between queuing the work and its
   * trigger, or mid-run after BullMQ stopped retrying the job) is triggered again. A pending key
   * whose job exists is left to it: the trigger joins that job.
   */
  private async sweep(): Promise<void> {
    for (const inflight of await this.scan(this.keys.inflight("*"))) {
      const jobId = inflight.slice(this.keys.inflight("").length);
      const job = await this.queue.getJob(jobId);
      const state = job ? await job.getState() : "gone";
      if (state !== "gone" && state !== "completed" && state !== "failed" && state !== "unknown") continue;
      const [first] = await this.redis.lrange(inflight, 0, 0);
      if (!first) continue;
      const key = workKey(JSON.parse(first) as Work);
      const restore = (this.redis as unknown as Record<string, (...args: string[]) => Promise<number>>)
        .plansyncRestore!;
      await restore.call(this.redis, inflight, this.keys.pending(key));
    }
    const pendingPrefix = this.keys.pending("");
    for (const pending of await this.scan(this.keys.pending("*")))
      await this.trigger(pending.slice(pendingPrefix.length), 0);
  }

  private async scan(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== "0");
    return found;
  }
}
