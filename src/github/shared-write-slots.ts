/**
 * With Redis, octokit's throttling paces every instance's writes through shared Bottleneck
 * limiters: one write slot, one notification slot, held from the moment a request is let through
 * until it is released. The plugin gives each held slot a 60 s expiration, so an instance killed
 * while it held one (it usually is: the 3 s spacing of issue creates is waited out holding it)
 * stalled every other instance's writes for a minute after the kill. The slots only guard an
 * empty task (the pacing itself is Redis's `nextRequest`, set when the slot is taken), so they
 * are given the same groups with a short expiration: a dead instance's slot frees within
 * SLOT_EXPIRATION_MS, before its repository lease does, and the spacing between writes is kept.
 */

/** Longer than the spacing a slot is held for (3 s at most), shorter than a repository lease. */
export const SLOT_EXPIRATION_MS = 5_000;

/** The two Bottleneck groups the plugin only uses to pace (it schedules an empty task in them). */
const PACING_GROUPS = {
  write: { id: "octokit-write", maxConcurrent: 1, minTime: 1_000 },
  notifications: { id: "octokit-notifications", maxConcurrent: 1, minTime: 3_000 },
} as const;

interface JobOptions {
  expiration?: number;
  [option: string]: unknown;
}

interface Limiter {
  schedule(options: JobOptions, task: (...args: any[]) => Promise<unknown>, ...args: unknown[]): Promise<unknown>;
}

interface Group {
  key(id: string): Limiter;
}

export interface ClusteredThrottle {
  Bottleneck?: { Group: new (options: Record<string, unknown>) => Group };
  connection?: object;
  /** The groups' Redis TTL when idle, as the plugin's own option. */
  timeout?: number;
}

type Slots = Record<keyof typeof PACING_GROUPS, Group>;

/** One set of groups per connection, as the plugin keeps one per process. */
const slotsByConnection = new WeakMap<object, Slots>();

/**
 * The `write` and `notifications` groups for octokit's throttle options when they share Redis
 * (Probot's REDIS_URL); nothing without a connection, where slots live and die with the process.
 */
export function sharedWriteSlots(throttle: ClusteredThrottle): Partial<Slots> {
  const { Bottleneck, connection, timeout = 2 * 60_000 } = throttle;
  if (!Bottleneck || !connection) return {};
  let slots = slotsByConnection.get(connection);
  if (!slots) {
    const group = (settings: (typeof PACING_GROUPS)[keyof Slots]) =>
      shortLived(new Bottleneck.Group({ ...settings, timeout, connection }));
    slots = { write: group(PACING_GROUPS.write), notifications: group(PACING_GROUPS.notifications) };
    slotsByConnection.set(connection, slots);
  }
  return slots;
}

/** The group, with every job's expiration capped (the plugin asks for 60 s on shared limiters). */
function shortLived(group: Group): Group {
  return {
    key(id) {
      const limiter = group.key(id);
      return {
        schedule: (options, task, ...args) =>
          limiter.schedule(
            { ...options, expiration: Math.min(options.expiration ?? SLOT_EXPIRATION_MS, SLOT_EXPIRATION_MS) },
            task,
            ...args,
          ),
      };
    },
  };
}
