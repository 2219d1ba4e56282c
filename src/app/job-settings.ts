import { availableParallelism } from "node:os";
import type { ParsePoolSettings } from "../workers/parse-pool.js";

/**
 * Every setting the server reads from the environment, validated in one place. Each has a
 * default that suits one small instance; a value that is set but wrong stops the start with the
 * variable, the value, what is allowed and the default (server.ts checks them all before anything
 * starts), rather than running on a guess: `Number("abc")` as a timeout would be 1 ms.
 * PLANSYNC_DATA_DIR and REDIS_PREFIX are free text, read in default-backend.ts.
 */
interface IntegerRule {
  min: number;
  /** The largest value allowed, when there is one. */
  max?: number;
  /** What the number counts, for the message. */
  unit: string;
  /** Unset: this value, or, when it depends on the machine, `fallback` is given by the reader. */
  fallback?: number;
  /** The default in words, when it is not one number. */
  defaultText?: string;
}

/**
 * Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer delay fires after 1 ms, so a
 * 30-day interval would run every millisecond. Every millisecond setting is capped here.
 */
export const MAX_TIMER_MS = 2_147_483_647;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MS = "milliseconds";
const MS_OFF = "milliseconds; 0 turns it off";

const INTEGER_SETTINGS = {
  JOB_CONCURRENCY: { min: 1, unit: "jobs", fallback: 4 },
  JOB_ATTEMPTS: { min: 1, unit: "tries", fallback: 3 },
  JOB_BACKOFF_MS: { min: 0, max: MAX_TIMER_MS, unit: MS, fallback: 10_000 },
  WRITE_BACK_DELAY_MS: { min: 0, max: MAX_TIMER_MS, unit: MS, fallback: 10_000 },
  JOB_LEASE_MS: { min: 1000, max: MAX_TIMER_MS, unit: MS, fallback: 10_000 },
  PARSE_THREADS: { min: 1, unit: "threads", defaultText: "one fewer than the cores, at most 2" },
  PARSE_TIMEOUT_MS: { min: 100, max: MAX_TIMER_MS, unit: MS, fallback: 30_000 },
  PARSE_MEMORY_MB: { min: 64, unit: "MB", fallback: 512 },
  PARSE_QUEUE: { min: 1, unit: "files", fallback: 100 },
  REDELIVER_INTERVAL_MS: { min: 0, max: MAX_TIMER_MS, unit: MS_OFF, fallback: 15 * MINUTE },
  // Daily on both backends: without Redis too, work a job gave up on (its attempts spent) or a
  // crash dropped must heal without waiting for a push that may never come.
  RECONCILE_INTERVAL_MS: { min: 0, max: MAX_TIMER_MS, unit: MS_OFF, fallback: DAY },
  BLOB_CACHE_MB: { min: 0, unit: "MB", fallback: 64 },
  BLOB_CACHE_TTL_S: { min: 1, unit: "seconds", fallback: 7 * 24 * 3600 },
  // Conditional-request answers kept in memory (etag-cache.ts reads it; 0 turns them off).
  PLANSYNC_ETAG_CACHE_MB: { min: 0, unit: "MB", fallback: 32 },
  // Not 0: a stop must leave time to run the write-back windows it drains.
  SHUTDOWN_TIMEOUT_MS: { min: 1, max: MAX_TIMER_MS, unit: MS, fallback: 60_000 },
} satisfies Record<string, IntegerRule>;

export type IntegerSettingName = keyof typeof INTEGER_SETTINGS;

/** Every setting found wrong, each in its own line: the operator fixes them all in one go. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `plansync cannot start: ${problems.length} setting${problems.length === 1 ? " is" : "s are"} invalid\n${problems.map((p) => `- ${p}`).join("\n")}`,
    );
    this.name = "SettingsError";
  }
}

/** How jobs run, from the environment. */
export interface JobSettings {
  /** Jobs one instance runs at once (JOB_CONCURRENCY); one repository never runs two. */
  concurrency: number;
  /** Tries of a failed job (JOB_ATTEMPTS). */
  attempts: number;
  /** First retry's wait, doubled each time (JOB_BACKOFF_MS). */
  backoffMs: number;
  /** How long closes are collected into one write-back commit (WRITE_BACK_DELAY_MS). */
  writeBackDelayMs: number;
  /** With Redis: a run's repository lease and job lock (JOB_LEASE_MS); a dead instance's job moves on after it. */
  leaseMs: number;
}

export function jobSettings(env: NodeJS.ProcessEnv = process.env): JobSettings {
  const settings = {
    concurrency: integerSetting(env, "JOB_CONCURRENCY"),
    attempts: integerSetting(env, "JOB_ATTEMPTS"),
    backoffMs: integerSetting(env, "JOB_BACKOFF_MS"),
    writeBackDelayMs: integerSetting(env, "WRITE_BACK_DELAY_MS"),
    leaseMs: integerSetting(env, "JOB_LEASE_MS"),
  };
  const problem = retryWaitProblem(settings.attempts, settings.backoffMs);
  if (problem) throw new SettingsError([problem]);
  return settings;
}

/**
 * JOB_ATTEMPTS is capped by JOB_BACKOFF_MS rather than the computed backoff clamped: the wait
 * doubles after each failed try (the last retry waits backoff × 2^(attempts-2)), and a wait past
 * Node's timer limit would fire after 1 ms, while a silently clamped one would not be the
 * schedule the operator set. Null when the longest wait fits.
 */
function retryWaitProblem(attempts: number, backoffMs: number): string | null {
  if (attempts < 2 || backoffMs * 2 ** (attempts - 2) <= MAX_TIMER_MS) return null;
  const most = 2 + Math.floor(Math.log2(MAX_TIMER_MS / backoffMs));
  return (
    `JOB_ATTEMPTS is ${attempts} with JOB_BACKOFF_MS ${backoffMs}: the last retry would wait ${backoffMs} × 2^${attempts - 2} ms, ` +
    `past the most a timer can wait (${MAX_TIMER_MS} ms, about 24.8 days). With this backoff, set JOB_ATTEMPTS to at most ${most}, or lower JOB_BACKOFF_MS.`
  );
}

/**
 * The App's parse pool, from the environment. Threads default to one fewer than the cores, at
 * most two: parsing must never take the core the event loop answers webhooks on.
 */
export function parseSettings(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): ParsePoolSettings {
  return {
    threads: integerSetting(env, "PARSE_THREADS", undefined, Math.max(1, Math.min(2, cores - 1))),
    timeoutMs: integerSetting(env, "PARSE_TIMEOUT_MS"),
    memoryMb: integerSetting(env, "PARSE_MEMORY_MB"),
    maxWaiting: integerSetting(env, "PARSE_QUEUE"),
  };
}

/**
 * An integer setting, or its default when unset or empty. A bad value throws a SettingsError
 * naming the variable, the value, what is allowed and the default. `min` and `fallback` override
 * the table's (a default that depends on the machine).
 */
export function integerSetting(
  env: NodeJS.ProcessEnv,
  name: IntegerSettingName,
  min?: number,
  fallback?: number,
): number {
  const rule: IntegerRule = INTEGER_SETTINGS[name];
  const otherwise = fallback ?? rule.fallback;
  const value = setInteger(env, name, min ?? rule.min, otherwise === undefined ? defaultText(name) : String(otherwise));
  if (value !== undefined) return value;
  if (otherwise === undefined) throw new Error(`${name} has no fixed default: its reader must give one`);
  return otherwise;
}

/**
 * Checks every setting the server reads, all at once, before anything starts: throws one
 * SettingsError listing each problem. REDIS_URL's value is never shown: it may hold a password.
 */
export function checkSettings(env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  for (const name of Object.keys(INTEGER_SETTINGS) as IntegerSettingName[]) {
    try {
      setInteger(env, name, INTEGER_SETTINGS[name].min, defaultText(name));
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length === 0) {
    const problem = retryWaitProblem(integerSetting(env, "JOB_ATTEMPTS"), integerSetting(env, "JOB_BACKOFF_MS"));
    if (problem) problems.push(problem);
  }
  const redisUrl = env.REDIS_URL;
  if (redisUrl && !isRedisUrl(redisUrl))
    problems.push(
      "REDIS_URL is not a redis:// or rediss:// URL (its value is not shown: it may hold a password). Unset, jobs run in this process. Fix or unset it.",
    );
  if (problems.length > 0) throw new SettingsError(problems);
}

/** The whole number `name` is set to, undefined when unset or empty; a SettingsError when set wrong. */
function setInteger(env: NodeJS.ProcessEnv, name: IntegerSettingName, min: number, unset: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  const rule: IntegerRule = INTEGER_SETTINGS[name];
  const whole = /^\s*\d+\s*$/.test(raw) && Number.isSafeInteger(value) && value >= min;
  if (whole && (rule.max === undefined || value <= rule.max)) return value;
  if (whole)
    throw new SettingsError([
      `${name} is "${raw}"; the most allowed is ${rule.max} (${rule.unit}): Node's timers wait at most that long (about 24.8 days) and fire at once past it. Unset, it is ${unset}. Lower or unset it.`,
    ]);
  throw new SettingsError([
    `${name} is "${raw}"; expected a whole number of at least ${min} (${rule.unit}). Unset, it is ${unset}. Fix or unset it.`,
  ]);
}

function defaultText(name: IntegerSettingName): string {
  const rule: IntegerRule = INTEGER_SETTINGS[name];
  return rule.defaultText ?? String(rule.fallback);
}

function isRedisUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname !== "";
  } catch {
    return false;
  }
}
