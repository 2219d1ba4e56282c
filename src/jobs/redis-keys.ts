/** plansync's own keys in Redis besides BullMQ's (which share the prefix): see README "Running at scale". */
export const DEFAULT_PREFIX = "plansync";

export function redisKeys(prefix: string) {
  return {
    /** Work enqueued for a key and not yet claimed by a run: a list of JSON, in arrival order. */
    pending: (key: string) => `${prefix}:pending:${key}`,
    /** Work a run claimed, kept until the run succeeds or gives up, so a crashed run's rerun finds it. */
    inflight: (jobId: string) => `${prefix}:inflight:${jobId}`,
    /** The repository's lease: one run per repository across every instance. */
    lock: (repo: string) => `${prefix}:lock:${repo}`,
    /** Jobs waiting for the repository's lease (a set of job ids): its releaser wakes them. */
    waiting: (repo: string) => `${prefix}:waiting:${repo}`,
    /** An at-most-once claim (a redelivered webhook), expiring with its TTL. */
    once: (name: string) => `${prefix}:once:${name}`,
  };
}
