import type { LocatedTask } from "./collect-tasks.js";
import type { RemoteIssue } from "./sync-types.js";
import { idKey } from "../plan/task-id.js";
import type { Scoper } from "./task-scope.js";

/** A feature folder renamed with its tasks: the issues of scope `from` now belong to `to`. */
export interface ScopeMove {
  from: string;
  to: string;
  /** Each moved issue's key, old to new. */
  keys: Map<string, string>;
}

export interface ScopeMoveInputs {
  /** The tasks in the docs, one per key (collect-tasks.ts). */
  winners: readonly LocatedTask[];
  /** The managed issues by key. */
  owners: ReadonlyMap<string, RemoteIssue>;
  scoper: Scoper;
  /** True when the file is known to be absent from the repository at the synced commit. */
  gone: (path: string) => boolean;
  /** True when the task is the one the issue was made for (its title, as the doc would write it there). */
  sameTask: (task: LocatedTask, issue: RemoteIssue) => boolean;
}

interface Group<T> {
  scope: string;
  byId: Map<string, T>;
}

/**
 * Feature folders renamed with their tasks (`specs/003-photos` to `specs/003-photo-albums`), so
 * their issues follow instead of being removed and made again. A move is taken only when it
 * cannot be a different feature: every file of the old scope is gone, no task is left in it, the
 * new scope has no issue yet, each of its tasks matches its ID's issue in the old scope, no open
 * issue is left behind, and the old and the new scope match each other only. Anything else is a removal and a creation, as before.
 */
export function scopeMoves({ winners, owners, scoper, gone, sameTask }: ScopeMoveInputs): ScopeMove[] {
  const taskScopes = groupBy(
    winners,
    (w) => scoper(w.file.path, w.task.id),
    (w) => w.task.id,
  );
  const issueScopes = groupBy(
    [...owners.values()],
    (i) => scoper(i.marker.file, i.marker.id),
    (i) => i.marker.id,
  );
  const vacated = [...issueScopes.values()].filter(
    (g) => !taskScopes.has(g.scope) && [...g.byId.values()].every((i) => gone(i.marker.file)),
  );
  const fresh = [...taskScopes.values()].filter((g) => !issueScopes.has(g.scope));
  const pairs = vacated.flatMap((old) => {
    const matching = fresh.filter((to) => follows(old, to, sameTask));
    return matching.length === 1 ? [{ old, to: matching[0]! }] : [];
  });
  // A new scope two old ones match is as ambiguous as an old one matching two.
  const claimed = new Map<string, number>();
  for (const { to } of pairs) claimed.set(to.scope, (claimed.get(to.scope) ?? 0) + 1);
  const keyOf = new Map([...owners].map(([key, issue]) => [issue, key]));
  return pairs.filter(({ to }) => claimed.get(to.scope) === 1).map(({ old, to }) => moveOf(old, to, keyOf));
}

/**
 * Moves each moved issue to its new key in `owners`, and returns the issues that moved with
 * their new keys: their markers still name the old file until this sync's update lands.
 */
export function followMoves(owners: Map<string, RemoteIssue>, moves: readonly ScopeMove[]): Map<RemoteIssue, string> {
  const moved = new Map<RemoteIssue, string>();
  for (const [from, to] of moves.flatMap((m) => [...m.keys])) {
    const issue = owners.get(from)!;
    owners.delete(from);
    owners.set(to, issue);
    moved.set(issue, to);
  }
  return moved;
}

function groupBy<T>(
  items: readonly T[],
  scopeOf: (item: T) => string | null,
  idOf: (item: T) => string,
): Map<string, Group<T>> {
  const groups = new Map<string, Group<T>>();
  for (const item of items) {
    const scope = scopeOf(item);
    if (scope === null) continue;
    const group = groups.get(scope) ?? { scope, byId: new Map<string, T>() };
    group.byId.set(idKey(idOf(item)), item);
    groups.set(scope, group);
  }
  return groups;
}

/**
 * The new scope holds the old one's tasks: each of its IDs had an issue there made for the same
 * task, and the old scope leaves no open issue behind (a task removed or done before the rename
 * may have been left out of the new folder; its closed issue stays where it was).
 */
function follows(old: Group<RemoteIssue>, to: Group<LocatedTask>, sameTask: ScopeMoveInputs["sameTask"]): boolean {
  if (to.byId.size > old.byId.size) return false;
  for (const [id, task] of to.byId) {
    const issue = old.byId.get(id);
    if (issue === undefined || !sameTask(task, issue)) return false;
  }
  return [...old.byId].every(([id, issue]) => to.byId.has(id) || issue.state === "closed");
}

function moveOf(old: Group<RemoteIssue>, to: Group<LocatedTask>, keyOf: ReadonlyMap<RemoteIssue, string>): ScopeMove {
  const keys = new Map([...to.byId].map(([id, task]) => [keyOf.get(old.byId.get(id)!)!, task.key]));
  return { from: old.scope, to: to.scope, keys };
}
