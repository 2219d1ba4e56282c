import type { PlansyncConfig } from "../config/config-schema.js";
import { awaitsRemoval } from "./reconcile-removals.js";
import type { RemoteIssue } from "./sync-types.js";

export interface GuardedRemovals {
  /** Removals to apply now. */
  allowed: RemoteIssue[];
  /** Removals held for confirmation: too many at once, most likely a config or glob mistake. */
  held: RemoteIssue[];
}

/**
 * The mass-removal rail. A narrower `paths` or `ids.prefixes`, or a broken glob, makes hundreds
 * of tasks look removed at once. When one sync would remove more than `removal.limit` issues and
 * more than half of all managed issues, nothing is removed: the removals are held and reported
 * until `removal.confirm` names the commit whose check run listed them (`confirmed`), or the
 * limit is raised. Confirmed removals go through; any others are judged on their own.
 */
export function guardRemovals(
  gone: readonly RemoteIssue[],
  managed: number,
  config: PlansyncConfig,
  confirmed: ReadonlySet<number>,
): GuardedRemovals {
  const pending = gone.filter((issue) => awaitsRemoval(issue, config));
  const unconfirmed = pending.filter((issue) => !confirmed.has(issue.number));
  const tooMany = unconfirmed.length > config.removal.limit && unconfirmed.length * 2 > managed;
  if (!tooMany) return { allowed: pending, held: [] };
  return { allowed: pending.filter((issue) => confirmed.has(issue.number)), held: unconfirmed };
}
