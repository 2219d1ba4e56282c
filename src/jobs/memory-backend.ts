import type { BackendOptions, JobBackend, QueueDepth, RetryLaterError } from "./job-backend.js";
import { JobJournal } from "./job-journal.js";
import { runAndReport } from "./run-and-report.js";
import { repoOf, workKey, type Work } from "./work.js";

/** Works with their journal ids (empty without a journal), in the order they arrived. */
interface Batch {
  works: Work[];
  ids: number[];
}

interface Retry extends Batch {
  attempt: number;
}

export interface MemoryBackendOptions extends BackendOptions {
  /**
   * Where the queue is journaled (PLANSYNC_DATA_DIR): a new backend on the same directory resumes
   * what was waiting or running when the last one stopped or crashed. Without it, jobs live only
   * in memory (tests, benches).
   */
  dataDir?: string;
  /**
   * The longest window an enqueue opens (WRITE_BACK_DELAY_MS): with the backoff, it bounds how
   * long resumed work may wait, whatever due time the journal holds.
   */
  maxWindowMs?: number;
  /** Where journal trouble is reported (lines set aside, a failed compaction); Node's warning by default. */
  warn?: (message: string) => void;
}

/** setTimeout's limit: a longer delay would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The embedded backend: `npm start` needs nothing but Node. Jobs run in this process, and with a
 * data directory every enqueue is on disk before it returns, so a crash loses nothing whose
 * webhook was answered: the next start resumes it (running work is run again: at least once).
 * Same semantics as the Redis backend: see JobBackend.
 */
export class MemoryBackend implements JobBackend {
  readonly name = "memory";
  private readonly pending = new Map<string, Batch & { since: number }>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; dueAt: number }>();
  private readonly ready: string[] = [];
  private readonly retries = new Map<string, Retry>();
  private readonly busyRepos = new Set<string>();
  private active = 0;
  private closing = false;
  private waiters: (() => void)[] = [];
  private readonly never = new AbortController().signal;
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private readonly claims = new Map<string, number>();

  private journal?: JobJournal;
  private abandoned = false;
  /** Keys whose work came back from the journal: their first run here reports in any case. */
  private readonly resumed = new Set<string>();
  private readonly warn: (message: string) => void;

  constructor(private readonly options: MemoryBackendOptions) {
    this.warn = options.warn ?? ((message) => process.emitWarning(message, "PlansyncJournalWarning"));
    if (options.dataDir === undefined) return;
    this.journal = new JobJournal(options.dataDir, { warn: this.warn });
    this.resume();
  }

  async enqueue(work: Work, { delayMs = 0 }: { delayMs?: number } = {}): Promise<void> {
    const key = workKey(work);
    const now = Date.now();
    const open = !this.timers.has(key) && !this.ready.includes(key);
    // Joining an open window or a waiting retry: it runs when they do, and is journaled so.
    const dueAt = open ? now + (this.closing ? 0 : delayMs) : (this.timers.get(key)?.dueAt ?? now);
    const id = this.journal?.add(key, work, dueAt);
    const entry = this.pending.get(key) ?? { works: [], ids: [], since: now };
    entry.works.push(structuredClone(work));
    if (id !== undefined) entry.ids.push(id);
    this.pending.set(key, entry);
    if (open) this.schedule(key, dueAt - now);
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

  /**
   * Runs every open window now (and, without a journal, every pending retry), then waits for all
   * of it and what it enqueues. With a journal, a retry keeps its backoff for the next start.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const schedule of this.schedules.values()) clearInterval(schedule);
    this.schedules.clear();
    for (const [key, { timer }] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(key);
      // A retry waiting out its backoff stays in the journal, due when it was; open windows run now.
      if (this.journal && this.retries.has(key) && !this.pending.has(key)) this.retries.delete(key);
      else this.ready.push(key);
    }
    this.pump();
    await this.idle();
    this.journal?.close();
    this.journal = undefined;
  }

  /** Resolves once nothing waits, is delayed or runs: for tests and shutdown. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Drops every waiting job and window from memory, as a crash would: the journal is left as it
   * was, so a new backend on the same data directory resumes them. A running job finishes, but
   * writes nothing more to the journal (a dead process would not). For tests.
   */
  abandon(): void {
    this.abandoned = true;
    this.journal?.close();
    this.journal = undefined;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    this.retries.clear();
    this.ready.length = 0;
    this.settle();
  }

  /**
   * Puts the journal's work back as it was: fresh work in its window, retries with their attempts.
   * A due time is trusted only as far as the settings reach: no window or backoff is longer than
   * the longest these allow, so a due time beyond that (the clock was set back since, or the file
   * came from another host) is cut to it. A rate limit's pause cut short meets the limit again and
   * is paused anew, by the time GitHub then gives.
   */
  private resume(): void {
    const now = Date.now();
    const { maxWindowMs = 0, backoffMs, attempts } = this.options;
    const longest = Math.min(MAX_TIMER_MS, Math.max(maxWindowMs, backoffMs * 2 ** Math.max(0, attempts - 1)));
    const due = new Map<string, number>();
    for (const { id, key, work, dueAt, attempt } of this.journal!.entries()) {
      if (attempt === null) {
        const entry = this.pending.get(key) ?? { works: [], ids: [], since: now };
        entry.works.push(work);
        entry.ids.push(id);
        this.pending.set(key, entry);
      } else {
        const retry = this.retries.get(key) ?? { works: [], ids: [], attempt };
        retry.works.push(work);
        retry.ids.push(id);
        retry.attempt = Math.max(retry.attempt, attempt);
        this.retries.set(key, retry);
      }
      due.set(key, Math.min(due.get(key) ?? Infinity, dueAt));
      this.resumed.add(key);
    }
    // Due times past (the process was down) run now.
    for (const [key, dueAt] of due) this.schedule(key, Math.min(longest, Math.max(0, dueAt - now)));
  }

  private schedule(key: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.ready.push(key);
      this.pump();
    }, delayMs);
    this.timers.set(key, { timer, dueAt: Date.now() + delayMs });
  }

  private pump(): void {
    while (this.active < this.options.concurrency) {
      const index = this.ready.findIndex((key) => !this.busyRepos.has(repoOf(key)));
      if (index < 0) break;
      const [key] = this.ready.splice(index, 1) as [string];
      // A journal that cannot record the outcome must not crash the process: the work is then
      // run again after a restart (at least once), which is reported here.
      this.run(key).catch((error: Error) => this.warn(`${error.message} (while recording the outcome of ${key})`));
    }
    this.settle();
  }

  private async run(key: string): Promise<void> {
    const retry = this.retries.get(key);
    this.retries.delete(key);
    const pending = this.pending.get(key);
    const works = [...(retry?.works ?? []), ...(pending?.works ?? [])];
    const ids = [...(retry?.ids ?? []), ...(pending?.ids ?? [])];
    this.pending.delete(key);
    if (works.length === 0) return;
    const attempt = (retry?.attempt ?? 0) + 1;
    const repo = repoOf(key);
    this.busyRepos.add(repo);
    this.active++;
    try {
      const { outcome, error } = await runAndReport(
        this.options,
        key,
        works,
        attempt,
        this.never,
        this.resumed.delete(key),
      );
      if (outcome === "done" || outcome === "failed") this.journal?.done(ids);
      if (outcome === "deferred") {
        const delayMs = (error as RetryLaterError).delayMs;
        // Stopping: retrying a pause now would only meet the limit again; the journal keeps it
        // for the next start, at the time the limit lifts.
        if (this.closing) this.journal?.retry(ids, attempt - 1, Date.now() + delayMs);
        else this.retryLater(key, { works, ids, attempt: attempt - 1 }, delayMs);
      }
      if (outcome === "retrying") this.retryLater(key, { works, ids, attempt });
    } finally {
      this.busyRepos.delete(repo);
      this.active--;
      this.pump();
    }
  }

  /** The failed run's work waits out its backoff; work arriving meanwhile joins it. */
  private retryLater(key: string, retry: Retry, delayMs = this.options.backoffMs * 2 ** (retry.attempt - 1)): void {
    if (this.abandoned) return; // a crashed process retries nothing: the next one resumes it
    // Stopping with a journal: the retry waits its backoff in the journal, for the next start.
    // Run now, a failure during a deploy would spend every attempt within the shutdown.
    if (this.closing && this.journal) return this.journal.retry(retry.ids, retry.attempt, Date.now() + delayMs);
    const wait = this.closing ? 0 : delayMs;
    this.journal?.retry(retry.ids, retry.attempt, Date.now() + wait);
    this.retries.set(key, retry);
    const queued = this.ready.indexOf(key);
    if (queued >= 0) this.ready.splice(queued, 1);
    clearTimeout(this.timers.get(key)?.timer);
    this.timers.delete(key);
    this.schedule(key, wait);
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
