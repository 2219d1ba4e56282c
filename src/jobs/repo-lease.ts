import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * Takes the lease if free, and takes the job off the repository's waiting list in the same step;
 * else answers the holder's token and how long its lease has left.
 */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('SREM', KEYS[2], ARGV[3])
  return 1
end
return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}`;

/** Extends the lease only while it is still this run's. */
const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * Frees the lease only while it is still this run's, and hands back the jobs waiting for it
 * (emptying the list in the same step, so each is woken once).
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {} end
redis.call('DEL', KEYS[1])
local waiting = redis.call('SMEMBERS', KEYS[2])
redis.call('DEL', KEYS[2])
return waiting`;

/**
 * Room left between the local deadline and the lease's expiry in Redis: for the timer firing
 * late, clock rate drift, and a write already checked at send time still reaching GitHub.
 */
export function leaseMarginMs(leaseMs: number): number {
  return Math.max(50, Math.ceil(leaseMs / 10));
}

export interface LeaseKeys {
  /** The lease itself: a token with an expiry. */
  lock: string;
  /** Jobs waiting for the lease (a set of job ids), woken when it is released. */
  waiting: string;
}

/** Each live lease's deadline on the monotonic clock, by its signal (read by the write guard). */
const deadlines = new WeakMap<AbortSignal, () => number>();

/**
 * When the run holding the lease behind `signal` must stop writing, on the monotonic clock
 * (`performance.now()`); undefined for a signal that is no lease's.
 */
export function leaseDeadline(signal: AbortSignal): number | undefined {
  return deadlines.get(signal)?.();
}

/** Another run holds the lease. */
export interface LeaseHeld {
  held: true;
  /** The holder is an earlier run of the same job, which died holding it: no release will come. */
  ownJob: boolean;
  /** How long the holder's lease has left, in ms. */
  ttlMs: number;
}

/**
 * One run's hold on a repository, kept on a connection of its own whose commands time out: a
 * renewal that does not answer in time counts as failed, never as pending.
 *
 * `signal` aborts at the local deadline (when the last successful acquire or extension was sent,
 * plus the lease, minus a margin) unless an extension moves it on, and at once when an
 * extension finds the lease taken. A renewal that times out or fails is tried again soon: only
 * the deadline decides that the lease may be lost, so one slow answer does not end a lease that
 * still holds. The deadline is kept locally because it must hold while Redis is unreachable: the
 * lease in Redis expires no earlier than the deadline (Redis started counting after the command
 * was sent), so the next holder cannot start before this run stops writing.
 *
 * The deadline is on the monotonic clock (`performance.now()`, which a wall-clock change does not
 * move) and readable by `leaseDeadline(signal)`: the deadline timer may fire late after the event
 * loop stalled (a GC pause, a frozen VM), so a write's send-time check compares the clock itself.
 */
export class RepoLease {
  private readonly controller = new AbortController();
  private deadlineTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private released = false;
  /** When this run must stop writing, on the monotonic clock (`performance.now()`). */
  private deadline = 0;

  private constructor(
    private readonly redis: Redis,
    private readonly keys: LeaseKeys,
    private readonly token: string,
    private readonly leaseMs: number,
    sentAt: number,
  ) {
    deadlines.set(this.controller.signal, () => this.deadline);
    this.moveDeadline(sentAt);
    this.scheduleRenewal(Math.floor(this.leaseMs / 3));
  }

  /**
   * The lease, or who holds it: `ownJob` when it is an earlier run of the same job (one that
   * died holding it, so no release will come), and how long it has left.
   */
  static async acquire(redis: Redis, keys: LeaseKeys, leaseMs: number, jobId: string): Promise<RepoLease | LeaseHeld> {
    // The job id leads the token, so a rerun can tell its own dead run's lease from another job's.
    const token = `${jobId}:${randomUUID()}`;
    const sentAt = performance.now();
    const taken = (await redis.eval(ACQUIRE, 2, keys.lock, keys.waiting, token, leaseMs, jobId)) as
      1 | [string | null, number];
    if (taken === 1) return new RepoLease(redis, keys, token, leaseMs, sentAt);
    const [holder, ttlMs] = taken;
    return { held: true, ownJob: holder?.startsWith(`${jobId}:`) ?? false, ttlMs: Math.max(0, ttlMs) };
  }

  /** Aborts when the lease may be lost; `reason` says why. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Frees the lease for the next run and returns the ids of the jobs that were waiting for it. */
  async release(): Promise<string[]> {
    this.stop("the run ended and released the lease");
    return (await this.redis.eval(RELEASE, 2, this.keys.lock, this.keys.waiting, this.token)) as string[];
  }

  private moveDeadline(sentAt: number): void {
    clearTimeout(this.deadlineTimer);
    this.deadline = sentAt + this.leaseMs - leaseMarginMs(this.leaseMs);
    this.deadlineTimer = setTimeout(
      () => this.stop(`the lease was not extended within ${this.leaseMs} ms (Redis unreachable?)`),
      Math.max(0, this.deadline - performance.now()),
    );
  }

  /**
   * Three tries per lease: renewed a third of the way in, and a renewal that fails or times out
   * (commands time out after a quarter lease) is tried again a tenth of a lease later, so a slow
   * answer or two still leaves time before the deadline.
   */
  private scheduleRenewal(delayMs: number): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.extend(), delayMs);
  }

  private async extend(): Promise<void> {
    const sentAt = performance.now();
    let extended: unknown;
    try {
      extended = await this.redis.eval(EXTEND, 1, this.keys.lock, this.token, this.leaseMs);
    } catch {
      // Unknown whether Redis extended it: the deadline from the last known extension still holds
      // and stops the run if no later try gets through.
      if (!this.released) this.scheduleRenewal(Math.max(10, Math.floor(this.leaseMs / 10)));
      return;
    }
    if (this.released) return;
    if (extended !== 1) return this.stop("another run holds the lease now (it expired)");
    this.moveDeadline(sentAt);
    this.scheduleRenewal(Math.floor(this.leaseMs / 3));
  }

  private stop(reason: string): void {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.renewTimer);
    this.controller.abort(new Error(`Repository lease ended: ${reason}`));
  }
}
