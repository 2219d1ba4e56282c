import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import Redlock, { ExecutionError } from "redlock";
import { RetryLaterError, type BackendOptions, type JobBackend, type QueueDepth } from "./job-backend.js";
import { runAndReport } from "./run-and-report.js";
import { withTimeout } from "./with-timeout.js";
import { LeaseLostError } from "./lease-guard.js";
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
/** A run that finds its repository leased waits about this long before it looks again. */
const LOCKED_RETRY_MS = 500;

/** Moves a key's pending work into the run's in-flight list, atomically, and returns that list. */
const CLAIM = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, item in ipairs(items) do redis.call('RPUSH', KEYS[2], item) end
redis.call('DEL', KEYS[1])
return redis.call('LRANGE', KEYS[2], 0, -1)`;

/**
 * BullMQ on Redis: jobs survive restarts and are shared by every instance. A job is a trigger
 * for a key (kind and repository); its work waits in a Redis list, so any number of pushes
 * merge into the next run. BullMQ's deduplication keeps one trigger per key until it finishes,
 * which makes a write-back's delay a window that later closes join. A run holds the
 * repository's Redlock lease, renewed while it runs; a run that loses it can no longer write
 * (lease-guard.ts), and BullMQ's stalled-job check hands a dead instance's job to another.
 */
export class RedisBackend implements JobBackend {
  readonly name = "redis";
  private readonly redis: Redis;
  private readonly queue: Queue<Trigger>;
  private readonly worker: Worker<Trigger>;
  private readonly redlock: Redlock;
  private readonly keys: ReturnType<typeof redisKeys>;
  /** BullMQ leaves connections it was given open on close: these are closed here. */
  private readonly connections: Redis[] = [];

  constructor(private readonly options: RedisBackendOptions) {
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    this.keys = redisKeys(prefix);
    this.redis = this.connect();
    this.redis.defineCommand("plansyncClaim", { numberOfKeys: 2, lua: CLAIM });
    this.redlock = new Redlock([this.redis], {
      retryCount: 0,
      automaticExtensionThreshold: Math.floor(options.leaseMs / 2),
    });
    this.queue = new Queue<Trigger>(QUEUE, { connection: this.connect(), prefix });
    this.worker = new Worker<Trigger>(QUEUE, (job, token) => this.process(job, token), {
      connection: this.connect(),
      prefix,
      concurrency: options.concurrency,
      lockDuration: options.leaseMs,
      stalledInterval: options.leaseMs,
      maxStalledCount: 2,
    });
    this.worker.on("completed", (job) => void this.followUp(job.data.key));
    this.worker.on("failed", (job) => job && void this.afterFailure(job));
    // BullMQ reports connection trouble here too; without a listener Node would crash the process.
    this.worker.on("error", (error) => options.onConnectionError?.(error));
    this.queue.on("error", (error) => options.onConnectionError?.(error));
  }

  /** BullMQ's workers block on Redis, so commands must wait for a reconnect rather than fail. */
  private connect(): Redis {
    const connection = new Redis(this.options.url, { maxRetriesPerRequest: null });
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

  private async trigger(key: string, delayMs: number): Promise<void> {
    await this.queue.add(kindOf(key), { key }, { ...this.jobOptions(), delay: delayMs, deduplication: { id: key } });
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
    try {
      await this.redlock.using([this.keys.lock(repoOf(key))], this.options.leaseMs, async (signal) => {
        const works = [...(await this.claim(key, job.id!)), ...(job.data.work ? [job.data.work] : [])];
        if (works.length === 0) return;
        await this.runClaimed(job, works, signal);
        if (signal.aborted) throw signal.error ?? new LeaseLostError("a write", "after the run");
        await this.redis.del(this.keys.inflight(job.id!));
      });
    } catch (error) {
      // Both wait without spending an attempt: a rate limit for as long as GitHub asks (the
      // claimed work stays in flight for the next run), another run's lease for a moment.
      if (error instanceof RetryLaterError) await job.moveToDelayed(Date.now() + error.delayMs, token);
      else if (error instanceof ExecutionError)
        await job.moveToDelayed(Date.now() + LOCKED_RETRY_MS + Math.floor(Math.random() * LOCKED_RETRY_MS), token);
      else throw error;
      throw new DelayedError();
    }
  }

  private async runClaimed(job: Job<Trigger>, works: Work[], signal: AbortSignal): Promise<void> {
    const { outcome, error } = await runAndReport(this.options, job.data.key, works, job.attemptsMade + 1, signal);
    if (outcome !== "done") throw error;
  }

  private async claim(key: string, jobId: string): Promise<Work[]> {
    const claim = (this.redis as unknown as Record<string, (...args: string[]) => Promise<string[]>>).plansyncClaim!;
    const items = await claim.call(this.redis, this.keys.pending(key), this.keys.inflight(jobId));
    return items.map((item) => JSON.parse(item) as Work);
  }

  /** Work that arrived while the key's run was finishing found its trigger still taken: start another. */
  private async followUp(key: string): Promise<void> {
    if ((await this.redis.llen(this.keys.pending(key)).catch(() => 0)) > 0)
      await this.trigger(key, 0).catch(() => undefined);
  }

  private async afterFailure(job: Job<Trigger>): Promise<void> {
    if ((await job.getState()) !== "failed") return;
    await this.redis.del(this.keys.inflight(job.id!)).catch(() => undefined);
    await this.followUp(job.data.key);
  }
}
