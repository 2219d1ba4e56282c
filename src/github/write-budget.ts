import { PLANSYNC_WRITE_BUDGET } from "../sync/github-limits.js";

/**
 * The write budget: one pacing window per installation for content-creating writes, so that all
 * of an installation's syncs together (every instance, every repository) stay under GitHub's
 * 80 a minute and 500 an hour (github-limits.ts), with margin.
 *
 * The rule, over sliding windows of the last 60 s and the last 3,600 s:
 * - the installation writes at most `perMinute` in any minute and `perHour` in any hour;
 * - a repository that wrote `reserve` or more in the hour (a bulk sync) is admitted only while
 *   the installation's hour holds fewer than `perHour - reserve`: the last `reserve` writes of
 *   the hour stay free for the other repositories' small syncs, which never queue behind it.
 */
export interface WriteBudget {
  /**
   * Admits one write of `repo` at `now` (waitMs 0, counted), or says how long until one could be
   * admitted (nothing counted). `chunkWaitMs`: how long until `chunk` writes of `repo` fit, for a
   * sync that pauses and should resume for a useful stretch, not for one write.
   */
  reserve(installation: string, repo: string, now: number, chunk?: number): Promise<Reservation>;
}

export interface Reservation {
  waitMs: number;
  chunkWaitMs: number;
}

export interface BudgetLimits {
  perMinute: number;
  perHour: number;
  reserve: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** A sync paused by the budget resumes when this many of its writes fit again. */
export const RESUME_CHUNK = PLANSYNC_WRITE_BUDGET.resumeChunk;

export interface Admitted {
  at: number;
  repo: string;
}

/**
 * The decision, on the writes admitted in the last hour (oldest first); redis-write-budget.ts
 * runs the same steps in Lua. Waits are upper bounds: a caller asks again when one ends.
 */
export function decide(
  window: readonly Admitted[],
  repo: string,
  now: number,
  limits: BudgetLimits,
  chunk = 1,
): Reservation {
  const minute = window.filter((w) => w.at > now - MINUTE_MS);
  const own = window.filter((w) => w.repo === repo).length;
  const cap = own >= limits.reserve ? limits.perHour - limits.reserve : limits.perHour;
  // The window holds `window.length`; the write fits once all but `cap - n` of them have aged out.
  const hourWait = (n: number) => {
    const leave = window.length - (cap - Math.min(n, cap));
    return leave <= 0 ? 0 : window[leave - 1]!.at + HOUR_MS - now;
  };
  const minuteWait =
    minute.length < limits.perMinute ? 0 : minute[minute.length - limits.perMinute]!.at + MINUTE_MS - now;
  const waitMs = Math.max(hourWait(1), minuteWait, 0);
  return { waitMs, chunkWaitMs: Math.max(hourWait(chunk), waitMs) };
}

/** The budget within one process: the CLI, the Action, an app without Redis, and the tests. */
export class MemoryWriteBudget implements WriteBudget {
  private readonly windows = new Map<string, Admitted[]>();

  constructor(private readonly limits: BudgetLimits = PLANSYNC_WRITE_BUDGET) {}

  async reserve(installation: string, repo: string, now: number, chunk: number = RESUME_CHUNK): Promise<Reservation> {
    return this.reserveNow(installation, repo, now, chunk);
  }

  /** `reserve` without a promise, for a simulation on a virtual clock. */
  reserveNow(installation: string, repo: string, now: number, chunk: number = RESUME_CHUNK): Reservation {
    const window = (this.windows.get(installation) ?? []).filter((w) => w.at > now - HOUR_MS);
    const reservation = decide(window, repo, now, this.limits, chunk);
    // Sorted by time, as Redis's sorted set keeps it, whatever order the callers' clocks give.
    if (reservation.waitMs === 0) {
      let index = window.length;
      while (index > 0 && window[index - 1]!.at > now) index--;
      window.splice(index, 0, { at: now, repo });
    }
    this.windows.set(installation, window);
    return reservation;
  }
}
