import type { LocatedTask } from "./collect-tasks.js";
import type { RemoteIssue } from "./sync-types.js";
import { idKey } from "../plan/task-id.js";
import { featurePath, type Scoper } from "./task-scope.js";

/** A feature folder moved with its tasks: these issues of scope `from` now belong to `to`. */
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
  /** True when the issue was made for this task (scope aside): see `sameTask` in reconcile.ts. */
  sameTask: (task: LocatedTask, issue: RemoteIssue) => boolean;
  /**
   * True when every plan file was read. Only then is a move between any two folders proven;
   * otherwise only an OpenSpec archive is followed, whose folder names the one it came from.
   */
  complete: boolean;
}

interface Group<T> {
  scope: string;
  byId: Map<string, T>;
}

/** A scope's tasks, its issues, and the tasks its own issues do not hold (they need one from elsewhere). */
interface Scope {
  scope: string;
  tasks: Map<string, LocatedTask>;
  issues: Map<string, RemoteIssue>;
  wanting: Map<string, LocatedTask>;
}

interface Pair {
  from: Scope;
  to: Scope;
}

/**
 * Feature folders moved with their tasks (`specs/003-photos` to `specs/003-photo-albums`, an
 * OpenSpec change to `archive/`, two folders swapping names), so their issues follow instead of
 * being removed and made again, or handed to another feature's tasks. Issues of scope `from` go
 * to scope `to` when it cannot be a different feature:
 * - every task of `to` that its own issue does not hold (none there, or one made for another task)
 *   has an issue in `from` under its ID made for the same task, and no open issue stays in `from`;
 * - `from` is released: it holds no task and its files are gone, or each of its tasks is itself
 *   supplied by a followed move (a swap);
 * - an issue of `to` that a moved one displaces is itself followed elsewhere;
 * - `from` and `to` match each other only.
 * `to` may already hold issues: those of a move half applied by a failed sync, or closed ones
 * left behind by an earlier move. Anything else is a removal and a creation, as before.
 */
export function scopeMoves(inputs: ScopeMoveInputs): ScopeMove[] {
  const scopes = scopesOf(inputs);
  const sources = [...scopes.values()].filter(
    (s) => s.issues.size > 0 && (vacated(s, inputs.gone) || (inputs.complete && s.wanting.size > 0)),
  );
  const targets = [...scopes.values()].filter((s) => s.wanting.size > 0);
  const candidates = targets.flatMap((to) =>
    sources
      .filter((from) => from !== to && (inputs.complete || featurePath(to.scope) === from.scope))
      .filter((from) => supplies(from, to, inputs.sameTask))
      .map((from) => ({ from, to })),
  );
  let kept = unambiguous(candidates);
  // Each pass drops a pair whose source is not released or whose displaced issues stay: bounded.
  for (;;) {
    const next = kept.filter((p) => released(p.from, kept, inputs.gone) && displacedFollow(p, kept));
    if (next.length === kept.length) break;
    kept = next;
  }
  const keyOf = new Map([...inputs.owners].map(([key, issue]) => [issue, key]));
  return kept.map(({ from, to }) => moveOf(from, to, keyOf));
}

/**
 * Moves each moved issue to its new key in `owners`, and returns the issues that moved with
 * their new keys: their markers still name the old file until this sync's update lands. Every
 * old key goes first, so two folders that swapped names trade their issues.
 */
export function followMoves(owners: Map<string, RemoteIssue>, moves: readonly ScopeMove[]): Map<RemoteIssue, string> {
  const entries = moves.flatMap((m) => [...m.keys]).map(([from, to]) => ({ issue: owners.get(from)!, from, to }));
  for (const { from } of entries) owners.delete(from);
  const moved = new Map<RemoteIssue, string>();
  for (const { issue, to } of entries) {
    owners.set(to, issue);
    moved.set(issue, to);
  }
  return moved;
}

function scopesOf({ winners, owners, scoper, sameTask, complete }: ScopeMoveInputs): Map<string, Scope> {
  const tasks = groupBy(
    winners,
    (w) => scoper(w.file.path, w.task.id),
    (w) => w.task.id,
  );
  const issues = groupBy(
    [...owners.values()],
    (i) => scoper(i.marker.file, i.marker.id),
    (i) => i.marker.id,
  );
  const scopes = new Map<string, Scope>();
  for (const scope of new Set([...tasks.keys(), ...issues.keys()])) {
    const own = issues.get(scope)?.byId ?? new Map<string, RemoteIssue>();
    const mine = tasks.get(scope)?.byId ?? new Map<string, LocatedTask>();
    // A part read proves no swap, so there an issue holds the task of its ID without a look.
    const holds = (id: string, task: LocatedTask) => own.has(id) && (!complete || sameTask(task, own.get(id)!));
    const wanting = new Map([...mine].filter(([id, task]) => !holds(id, task)));
    scopes.set(scope, { scope, tasks: mine, issues: own, wanting });
  }
  return scopes;
}

/** No task left in the folder and every file its issues name is gone. */
function vacated(scope: Scope, gone: ScopeMoveInputs["gone"]): boolean {
  return scope.tasks.size === 0 && [...scope.issues.values()].every((i) => gone(i.marker.file));
}

/**
 * `from` has an issue made for each task `to` wants, under its ID, and leaves no open issue
 * behind (a task removed or done before the move may have been left out; its closed issue stays).
 */
function supplies(from: Scope, to: Scope, sameTask: ScopeMoveInputs["sameTask"]): boolean {
  for (const [id, task] of to.wanting) {
    const issue = from.issues.get(id);
    if (issue === undefined || !sameTask(task, issue)) return false;
  }
  return [...from.issues].every(([id, issue]) => to.wanting.has(id) || issue.state === "closed");
}

/** Pairs whose source matches one target and whose target one source: anything else is ambiguous. */
function unambiguous(pairs: readonly Pair[]): Pair[] {
  const count = (scopeOf: (p: Pair) => Scope) => {
    const seen = new Map<Scope, number>();
    for (const p of pairs) seen.set(scopeOf(p), (seen.get(scopeOf(p)) ?? 0) + 1);
    return seen;
  };
  const fromCount = count((p) => p.from);
  const toCount = count((p) => p.to);
  return pairs.filter((p) => fromCount.get(p.from) === 1 && toCount.get(p.to) === 1);
}

/** A source with tasks of its own gives its issues away only when every task gets one from a followed move. */
function released(from: Scope, kept: readonly Pair[], gone: ScopeMoveInputs["gone"]): boolean {
  if (from.tasks.size === 0) return vacated(from, gone);
  return from.wanting.size === from.tasks.size && kept.some((p) => p.to === from);
}

/** An issue of `to` whose ID a moved issue takes must itself move out, or it would be lost. */
function displacedFollow({ to }: Pair, kept: readonly Pair[]): boolean {
  const displaced = [...to.wanting.keys()].filter((id) => to.issues.has(id));
  if (displaced.length === 0) return true;
  const out = kept.find((p) => p.from === to);
  return out !== undefined && displaced.every((id) => out.to.wanting.has(id));
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

function moveOf(from: Scope, to: Scope, keyOf: ReadonlyMap<RemoteIssue, string>): ScopeMove {
  const keys = new Map([...to.wanting].map(([id, task]) => [keyOf.get(from.issues.get(id)!)!, task.key]));
  return { from: from.scope, to: to.scope, keys };
}
