import { availableParallelism } from "node:os";
import type { ParsePoolSettings } from "../workers/parse-pool.js";

/** How jobs run, from the environment; every value has a default that suits one small instance. */
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

const DEFAULTS: Record<string, number> = {
  JOB_CONCURRENCY: 4,
  JOB_ATTEMPTS: 3,
  JOB_BACKOFF_MS: 10_000,
  WRITE_BACK_DELAY_MS: 10_000,
  JOB_LEASE_MS: 30_000,
  PARSE_TIMEOUT_MS: 30_000,
  PARSE_MEMORY_MB: 512,
  PARSE_QUEUE: 100,
};

export function jobSettings(env: NodeJS.ProcessEnv = process.env): JobSettings {
  return {
    concurrency: integerSetting(env, "JOB_CONCURRENCY", 1),
    attempts: integerSetting(env, "JOB_ATTEMPTS", 1),
    backoffMs: integerSetting(env, "JOB_BACKOFF_MS", 0),
    writeBackDelayMs: integerSetting(env, "WRITE_BACK_DELAY_MS", 0),
    leaseMs: integerSetting(env, "JOB_LEASE_MS", 1000),
  };
}

/**
 * The App's parse pool, from the environment. Threads default to one fewer than the cores, at
 * most two: parsing must never take the core the event loop answers webhooks on.
 */
export function parseSettings(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): ParsePoolSettings {
  return {
    threads: integerSetting(env, "PARSE_THREADS", 1, Math.max(1, Math.min(2, cores - 1))),
    timeoutMs: integerSetting(env, "PARSE_TIMEOUT_MS", 100),
    memoryMb: integerSetting(env, "PARSE_MEMORY_MB", 64),
    maxWaiting: integerSetting(env, "PARSE_QUEUE", 1),
  };
}

/** An integer setting, or its default when unset; a bad value stops the start with what to fix. */
export function integerSetting(env: NodeJS.ProcessEnv, name: string, min: number, fallback = DEFAULTS[name]): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback!;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} is "${raw}"; expected a whole number of at least ${min}. Fix or unset it.`);
  return value;
}
