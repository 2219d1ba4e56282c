import type { JobKind, Work } from "./work.js";

/**
 * Runs the merged work of one key (kind and repository). `signal` aborts when the run loses its
 * repository lease: the handler must stop writing then (see lease-guard.ts). `run` tells which
 * attempt this is and when a failure would be retried, for the handler's report.
 */
export type JobHandler = (kind: JobKind, works: Work[], signal: AbortSignal, run?: JobRun) => Promise<void>;

/** A run's place in its retries, as the backend will act on a failure of it. */
export interface JobRun {
  /** This run's attempt, from 1. */
  attempt: number;
  /** Tries before the work is given up (BackendOptions.attempts). */
  attempts: number;
  /** The wait before the next attempt, should this one fail and one be left. */
  retryInMs: number;
  /**
   * The run takes over work whose last run never finished (its process died, or it was handed
   * on as stalled): that run may have applied everything and died before reporting it.
   */
  resumed?: boolean;
}

/**
 * Thrown by a handler whose work must wait (GitHub's rate limit): the backend runs the same work
 * again after `delayMs`, merged with whatever arrives meanwhile, without spending an attempt.
 * A first sync of thousands of issues goes on this way across hours.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(`${reason}; resuming in ${Math.round(delayMs / 1000)} s`);
    this.name = "RetryLaterError";
  }
}

/**
 * Thrown by a handler whose sync stopped part-way (a 5xx past octokit's retries, a 401): the job
 * failed, so the backend retries it with backoff while attempts are left. The retry resumes from
 * GitHub's state: what was applied is not applied again.
 */
export class SyncStoppedError extends Error {
  constructor(
    readonly repo: string,
    /** Operations GitHub carried out before the sync stopped. */
    readonly applied: number,
    /** The operations not made, in words, the failed one first. */
    readonly left: readonly string[],
    /** GitHub's answer to the operation that failed. */
    readonly failure: string,
  ) {
    super(
      `The sync of ${repo} stopped part-way (${failure}): ${applied} of ${applied + left.length} changes made, not made: ${named(left)}. ` +
        "The job is retried with backoff; if every attempt fails, check GitHub's status and the app's installation permissions.",
    );
    this.name = "SyncStoppedError";
  }
}

/** The first few operations by name, and how many more: a first sync can leave thousands. */
function named(ops: readonly string[], shown = 10): string {
  if (ops.length === 0) return "none";
  const more = ops.length > shown ? ` and ${ops.length - shown} more` : "";
  return `${ops.slice(0, shown).join(", ")}${more}`;
}

/** What a run's end reports: one structured log line and the metrics are made from it. */
export interface JobOutcome {
  kind: JobKind;
  repo: string;
  works: number;
  attempt: number;
  durationMs: number;
  outcome: "done" | "deferred" | "retrying" | "failed";
  error?: unknown;
}

export interface QueueDepth {
  waiting: number;
  delayed: number;
  active: number;
  /** Age of the oldest job not yet running, in ms; 0 when none waits. */
  oldestAgeMs: number;
}

export interface BackendOptions {
  /** Runs one job; set before the first job may start. */
  handler: JobHandler;
  /** Called once per run, whatever its outcome. */
  onOutcome: (outcome: JobOutcome) => void;
  /** Runs per instance at once; one repository never has two, on any number of instances. */
  concurrency: number;
  /** Tries of one run before it is given up (the drift sweep and the periodic reconcile heal the rest). */
  attempts: number;
  /** Wait before the first retry, doubled at each further one. */
  backoffMs: number;
}

/**
 * One job model, two backends: in-process (memory-backend.ts) and BullMQ on Redis
 * (redis-backend.ts). Both give the same guarantees within what they can keep:
 * - per repository, one run at a time; different repositories side by side;
 * - work enqueued while its key is waiting or running merges into one later run;
 * - a delayed enqueue opens a window: later work for the key joins it instead of moving it;
 * - a failed run is retried with exponential backoff, with the same work plus any that arrived.
 */
export interface JobBackend {
  readonly name: "memory" | "redis";
  enqueue(work: Work, options?: { delayMs?: number }): Promise<void>;
  /**
   * Enqueues `work` every `intervalMs` (0 stops it). With Redis one schedule serves every
   * instance, and each repetition runs on one of them.
   */
  every(work: Work, intervalMs: number): Promise<void>;
  /** True the first time any instance claims `name` within `ttlMs`: an at-most-once guard. */
  claimOnce(name: string, ttlMs: number): Promise<boolean>;
  /** Counts for metrics and the health route. */
  depth(): Promise<QueueDepth>;
  /** Stops taking jobs and finishes (or hands back) the running ones; memory also runs its open windows now. */
  close(): Promise<void>;
}
