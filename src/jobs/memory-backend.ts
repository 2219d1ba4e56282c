import type { BackendOptions, JobBackend, QueueDepth, RetryLaterError } from "./job-backend.js";
import { runAndReport } from "./run-and-report.js";
import { repoOf, workKey, type Work } from "./work.js";

interface Retry {
  works: Work[];
  attempt: number;
}

/**
 * The embedded backend: `npm start` needs nothing but Node. Jobs live in this process, so a
 * crash loses what waits here; the drift sweep and the next push heal that (with Redis, nothing
 * is lost). Same semantics as the Redis backend: see JobBackend.
 */
export class MemoryBackend implements JobBackend {
  readonly name = "memory";
  private readonly pending = new Map<string, { works: Work[]; since: number }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly ready: string[] = [];
  private readonly retries = new Map<string, Retry>();
  private readonly busyRepos = new Set<string>();
  private active = 0;
  private closing = false;
  private waiters: (() => void)[] = [];
  private readonly never = new AbortController().signal;
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private readonly claims = new Map<string, number>();

  constructor(private readonly options: BackendOptions) {}

  async enqueue(work: Work, { delayMs = 0 }: { delayMs?: number } = {}): Promise<void> {
    const key = workKey(work);
    const entry = this.pending.get(key) ?? { works: [], since: Date.now() };
    entry.works.push(structuredClone(work));
    this.pending.set(key, entry);
    if (!this.timers.has(key) && !this.ready.includes(key)) this.schedule(key, this.closing ? 0 : delayMs);
  }

  async every(work: Work, intervalMs: number): Promise<void> {
    const key = workKey(work);
    clearInterval(this.schedules.get(key));
    this.schedules.delete(key);
    if (intervalMs <= 0) return;
    // Unref'd: a schedule alone keeps no process alive.
    this.schedules.set(key, setInterval(() => void this.enqueue(work), intervalMs).unref());
  }

  async claimOnce(name: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    for (const [claimed, until] of this.claims) if (until <= now) this.claims.delete(claimed);
    if (this.claims.has(name)) return false;
    this.claims.set(name, now + ttlMs);
    return true;
  }

  async depth(): Promise<QueueDepth> {
    const since = [...this.pending.values()].map((p) => p.since);
    return {
      waiting: this.ready.length,
      delayed: this.timers.size,
      active: this.active,
      oldestAgeMs: since.length === 0 ? 0 : Date.now() - Math.min(...since),
    };
  }

  /** Runs every open window and pending retry now, then waits for all of it (and what it enqueues). */
  async close(): Promise<void> {
    this.closing = true;
    for (const schedule of this.schedules.values()) clearInterval(schedule);
    this.schedules.clear();
    for (const [key, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(key);
      this.ready.push(key);
    }
    this.pump();
    await this.idle();
  }

  /** Resolves once nothing waits, is delayed or runs: for tests and shutdown. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops every waiting job and window, as a crash would; a running job finishes. For tests. */
  abandon(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    this.retries.clear();
    this.ready.length = 0;
    this.settle();
  }

  private schedule(key: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.ready.push(key);
      this.pump();
    }, delayMs);
    this.timers.set(key, timer);
  }

  private pump(): void {
    while (this.active < this.options.concurrency) {
      const index = this.ready.findIndex((key) => !this.busyRepos.has(repoOf(key)));
      if (index < 0) break;
      const [key] = this.ready.splice(index, 1) as [string];
      void this.run(key);
    }
    this.settle();
  }

  private async run(key: string): Promise<void> {
    const retry = this.retries.get(key);
    this.retries.delete(key);
    const works = [...(retry?.works ?? []), ...(this.pending.get(key)?.works ?? [])];
    this.pending.delete(key);
    if (works.length === 0) return;
    const attempt = (retry?.attempt ?? 0) + 1;
    const repo = repoOf(key);
    this.busyRepos.add(repo);
    this.active++;
    try {
      const { outcome, error } = await runAndReport(this.options, key, works, attempt, this.never);
      // Stopping: retrying a pause now would only meet the limit again; the next push resumes it.
      if (outcome === "deferred" && !this.closing)
        this.retryLater(key, { works, attempt: attempt - 1 }, (error as RetryLaterError).delayMs);
      if (outcome === "retrying") this.retryLater(key, { works, attempt });
    } finally {
      this.busyRepos.delete(repo);
      this.active--;
      this.pump();
    }
  }

  /** The failed run's work waits out its backoff; work arriving meanwhile joins it. */
  private retryLater(key: string, retry: Retry, delayMs = this.options.backoffMs * 2 ** (retry.attempt - 1)): void {
    this.retries.set(key, retry);
    const queued = this.ready.indexOf(key);
    if (queued >= 0) this.ready.splice(queued, 1);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.schedule(key, this.closing ? 0 : delayMs);
  }

  private isIdle(): boolean {
    return this.active === 0 && this.ready.length === 0 && this.timers.size === 0;
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
