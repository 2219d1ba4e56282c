import type { PlansyncConfig } from "../config/config-schema.js";
import { awaitsRemoval } from "./reconcile-removals.js";
import type { RemoteIssue } from "./sync-types.js";

export interface GuardedRemovals {
  /** Removals to apply now. */
  allowed: RemoteIssue[];
  /** Removals held for confirmation: too many at once, most likely a config or glob mistake. */
  held: RemoteIssue[];
  /**
   * The managed issues a removal would still change (the open ones when removals close, the
   * unlabelled ones when they label): what the removals are weighed against, for the check run.
   */
  removable: number;
}

/**
 * The mass-removal rail. A narrower `paths` or `ids.prefixes`, or a broken glob, makes hundreds
 * of tasks look removed at once. When one sync would remove more than `removal.limit` issues and
 * more than half of the managed issues a removal would still change, nothing is removed: the
 * removals are held and reported until `removal.confirm` names the commit whose check run listed
 * them (`confirmed`), or the limit is raised. Confirmed removals go through; any others are judged
 * on their own.
 *
 * Weighed against the open managed issues, not all of them: in a repository where most tasks are
 * done, the closed issues would otherwise make closing every open one look like a minority
 * (100 managed, 70 done: 30 removals are 30 % of all, but every open issue).
 */
export function guardRemovals(
  gone: readonly RemoteIssue[],
  managed: readonly RemoteIssue[],
  config: PlansyncConfig,
  confirmed: ReadonlySet<number>,
): GuardedRemovals {
  const removable = managed.filter((issue) => awaitsRemoval(issue, config)).length;
  const pending = gone.filter((issue) => awaitsRemoval(issue, config));
  const unconfirmed = pending.filter((issue) => !confirmed.has(issue.number));
  const tooMany = unconfirmed.length > config.removal.limit && unconfirmed.length * 2 > removable;
  if (!tooMany) return { allowed: pending, held: [], removable };
  return { allowed: pending.filter((issue) => confirmed.has(issue.number)), held: unconfirmed, removable };
}
