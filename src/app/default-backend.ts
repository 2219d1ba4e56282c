import { resolve } from "node:path";
import { Redis } from "ioredis";
import { MemoryBlobCache, RedisBlobCache, type BlobCache } from "../github/blob-cache.js";
import { MemoryEtagCache, etagCacheBytes, type EtagCache } from "../github/etag-cache.js";
import { RedisEtagCache } from "../github/etag-cache-redis.js";
import type { BackendOptions, JobBackend } from "../jobs/job-backend.js";
import { MemoryBackend } from "../jobs/memory-backend.js";
import { RedisBackend } from "../jobs/redis-backend.js";
import { DEFAULT_PREFIX } from "../jobs/redis-keys.js";
import { appVersion } from "./app-version.js";
import { integerSetting } from "./job-settings.js";

/**
 * BullMQ on Redis when REDIS_URL is set (Probot then shares its rate-limit throttling there
 * too); otherwise jobs run in this process, journaled under PLANSYNC_DATA_DIR so a crash loses
 * none of them, and `npm start` needs nothing but Node.
 */
export function defaultBackend(
  options: BackendOptions & { leaseMs: number; writeBackDelayMs?: number; onConnectionError?: (error: Error) => void },
  env = process.env,
): JobBackend {
  const url = env.REDIS_URL;
  if (url) return new RedisBackend({ ...options, url, prefix: redisPrefix(env) });
  return new MemoryBackend({ ...options, dataDir: dataDir(env), maxWindowMs: options.writeBackDelayMs });
}

/**
 * PLANSYNC_DATA_DIR, resolved against the working directory; `.plansync` there by default. The
 * working directory rather than an XDG state path: two checkouts (or deployments) on one machine
 * then keep their queues apart instead of meeting on one lock, and the state sits next to the
 * deployment that owns it. A directory that cannot be written stops the start (see job-journal.ts).
 */
export function dataDir(env = process.env, cwd = process.cwd()): string {
  const raw = env.PLANSYNC_DATA_DIR;
  return resolve(cwd, raw === undefined || raw.trim() === "" ? ".plansync" : raw);
}

/** How long a cache's Redis command may take before it reads as a miss (a lost write is dropped). */
const CACHE_COMMAND_MS = 1_000;

/** Parsed plans by blob sha: in memory (BLOB_CACHE_MB), and shared through Redis when REDIS_URL is set. */
export function defaultBlobCache(
  env = process.env,
  onConnectionError?: (error: Error) => void,
): BlobCache & { close?: () => void } {
  const memory = new MemoryBlobCache(integerSetting(env, "BLOB_CACHE_MB", 0, 64) * 1024 * 1024);
  const url = env.REDIS_URL;
  if (!url) return memory;
  // As for the ETag cache: a stalled Redis must read as a miss, never hold up a sync.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: CACHE_COMMAND_MS });
  redis.on("error", (error: Error) => onConnectionError?.(error));
  const ttlSeconds = integerSetting(env, "BLOB_CACHE_TTL_S", 1, 7 * 24 * 3600);
  // The version is in the key: an upgrade may parse the same blob differently.
  const prefix = `${redisPrefix(env)}:blob:${appVersion()}:`;
  const cache = new RedisBlobCache(redis, prefix, memory, ttlSeconds, 1024 * 1024);
  return Object.assign(cache, { close: () => redis.disconnect() });
}

/**
 * GitHub's answers by URL with their ETags, for conditional requests (conditional-requests.ts):
 * in memory (PLANSYNC_ETAG_CACHE_MB, 32 by default; 0 turns conditional requests off), and
 * shared through Redis when REDIS_URL is set. Without the offline queue, a command sent while
 * Redis is unreachable fails at once and reads as a miss: GitHub is asked, nothing waits.
 */
export function defaultEtagCache(env = process.env, onConnectionError?: (error: Error) => void): EtagCache | null {
  const bytes = etagCacheBytes(env);
  if (bytes === 0) return null;
  const memory = new MemoryEtagCache(bytes);
  const url = env.REDIS_URL;
  if (!url) return memory;
  // commandTimeout: a stalled Redis (a hung server, a connection dropped without a reset) fails
  // each command after a second, read as a miss, so no GitHub read ever waits on the cache.
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: CACHE_COMMAND_MS,
  });
  redis.on("error", (error: Error) => onConnectionError?.(error));
  // The version is in the key as for the blob cache: versions never read each other's entries.
  return new RedisEtagCache(redis, `${redisPrefix(env)}:etag:${appVersion()}:`, memory);
}

/** REDIS_PREFIX namespaces every key: deployments sharing one Redis keep apart. */
export function redisPrefix(env = process.env): string {
  return env.REDIS_PREFIX || DEFAULT_PREFIX;
}
