import type { BackendOptions, JobBackend } from "../jobs/job-backend.js";
import { MemoryBackend } from "../jobs/memory-backend.js";
import { RedisBackend } from "../jobs/redis-backend.js";

/**
 * BullMQ on Redis when REDIS_URL is set (Probot then shares its rate-limit throttling there
 * too); otherwise jobs run in this process, and `npm start` needs nothing but Node.
 */
export function defaultBackend(options: BackendOptions & { leaseMs: number }, env = process.env): JobBackend {
  const url = env.REDIS_URL;
  return url ? new RedisBackend({ ...options, url }) : new MemoryBackend(options);
}
