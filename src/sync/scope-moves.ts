import type { LocatedTask } from "./collect-tasks.js";
import type { RemoteIssue } from "./sync-types.js";
import { idKey } from "../plan/task-id.js";
import { featurePath, markerKey, type Scoper } from "./task-scope.js";

/** A feature folder moved with its tasks: these issues of scope `from` now belong to `to`. */
export interface ScopeMove {
  from: string;
  to: string;
  /** Each moved issue's key, old to new. */
  keys: Map<string, string>;
  /** Each moved issue with its new key. */
  issues: Map<RemoteIssue, string>;
}

export interface ScopeMoveInputs {
  /** The tasks in the docs, one per key (collect-tasks.ts). */
  winners: readonly LocatedTask[];
  /** The managed issues by key. */
  owners: ReadonlyMap<string, RemoteIssue>;
  /**
   * Further issues claiming a key that an owner holds (reconcile-duplicates.ts): a copy, or an
   * issue whose move was cut short, which a move may still take.
   */
  strays?: readonly RemoteIssue[];
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
  byId: Map<string, T[]>;
}

/**
 * A scope's tasks, its issues (the owner first, then strays), the tasks its own issues do not
 * hold (they need one from elsewhere), and the issues free to leave: all but the holders.
 */
interface Scope {
  scope: string;
  tasks: Map<string, LocatedTask>;
  issues: Map<string, RemoteIssue[]>;
  wanting: Map<string, LocatedTask>;
  free: Map<string, RemoteIssue[]>;
}

/** A move found: the issue of `from` each task `to` wants gets, by ID. */
interface Pair {
  from: Scope;
  to: Scope;
  picks: Map<string, RemoteIssue>;
}

/**
 * Feature folders moved with their tasks (`specs/003-photos` to `specs/003-photo-albums`, an
 * OpenSpec change to `archive/`, two folders swapping names), so their issues follow instead of
 * being removed and made again, or handed to another feature's tasks. Issues of scope `from` go
 * to scope `to` when it cannot be a different feature:
 * - every task of `to` that its own issue does not hold (none there, or one made for another task)
 *   has an issue in `from` under its ID made for the same task, and no open issue stays in `from`;
 * - `from` is released: it holds no task and its files are gone, or each task its own issues do
 *   not hold is itself supplied by a followed move (a swap);
 * - an issue of `to` that a moved one displaces is itself followed elsewhere;
 * - `from` and `to` match each other only.
 * `to` may already hold issues: those of a move half applied by a failed sync, or closed ones
 * left behind by an earlier move. Anything else is a removal and a creation, as before.
 */
export function scopeMoves(inputs: ScopeMoveInputs): ScopeMove[] {
  const scopes = scopesOf(inputs);
  const sources = [...scopes.values()].filter((s) => s.issues.size > 0 && (inputs.complete || vacated(s, inputs.gone)));
  const targets = [...scopes.values()].filter((s) => s.wanting.size > 0);
  const candidates = targets.flatMap((to) =>
    sources
      .filter((from) => from !== to && (inputs.complete || featurePath(to.scope) === from.scope))
      .flatMap((from) => {
        const picks = supplies(from, to, inputs.sameTask);
        return picks === null ? [] : [{ from, to, picks }];
      }),
  );
  let kept = unambiguous(candidates);
  // Each pass drops a pair whose source is not released or whose displaced issues stay: bounded.
  for (;;) {
    const next = kept.filter((p) => released(p, kept, inputs.gone) && displacedFollow(p, kept));
    if (next.length === kept.length) break;
    kept = next;
  }
  return kept.map(moveOf(inputs.scoper));
}

/**
 * Moves each moved issue to its new key in `owners`, and returns the issues that moved with
 * their new keys: their markers still name the old file until this sync's update lands. Every
 * old key goes first, so two folders that swapped names trade their issues.
 */
export function followMoves(
  owners: Map<string, RemoteIssue>,
  moves: readonly ScopeMove[],
  keyOf: (issue: RemoteIssue) => string,
): Map<RemoteIssue, string> {
  const moved = new Map(moves.flatMap((m) => [...m.issues]));
  for (const issue of moved.keys()) if (owners.get(keyOf(issue)) === issue) owners.delete(keyOf(issue));
  for (const [issue, key] of moved) owners.set(key, issue);
  return moved;
}

function scopesOf({ winners, owners, strays = [], scoper, sameTask, complete }: ScopeMoveInputs): Map<string, Scope> {
  const tasks = groupBy(
    winners,
    (w) => scoper(w.file.path, w.task.id),
    (w) => w.task.id,
  );
  const issues = groupBy(
    [...owners.values(), ...strays],
    (i) => scoper(i.marker.file, i.marker.id),
    (i) => i.marker.id,
  );
  const scopes = new Map<string, Scope>();
  for (const scope of new Set([...tasks.keys(), ...issues.keys()])) {
    const own = issues.get(scope)?.byId ?? new Map<string, RemoteIssue[]>();
    const mine = new Map([...(tasks.get(scope)?.byId ?? [])].map(([id, [task]]) => [id, task!]));
    // A part read proves no swap, so there an owner holds the task of its ID without a look.
    const holds = (id: string) => {
      const [owner, task] = [own.get(id)?.[0], mine.get(id)];
      return owner !== undefined && task !== undefined && (!complete || sameTask(task, owner));
    };
    const wanting = new Map([...mine].filter(([id]) => !holds(id)));
    const free = new Map([...own].map(([id, list]) => [id, holds(id) ? list.slice(1) : list]));
    scopes.set(scope, { scope, tasks: mine, issues: own, wanting, free });
  }
  return scopes;
}

/** No task left in the folder and every file its issues name is gone. */
function vacated(scope: Scope, gone: ScopeMoveInputs["gone"]): boolean {
  return scope.tasks.size === 0 && [...scope.issues.values()].flat().every((i) => gone(i.marker.file));
}

/**
 * The issues `from` gives `to`: one free issue made for each task `to` wants, under its ID. Null
 * unless every wanted task gets one and no open issue is left behind without a task (one removed
 * or done before the move may have been left out; its closed issue stays).
 */
function supplies(from: Scope, to: Scope, sameTask: ScopeMoveInputs["sameTask"]): Map<string, RemoteIssue> | null {
  const picks = new Map<string, RemoteIssue>();
  for (const [id, task] of to.wanting) {
    const issue = from.free.get(id)?.find((i) => sameTask(task, i));
    if (issue === undefined) return null;
    picks.set(id, issue);
  }
  // Strays left over are copies, closed as duplicates (reconcile-duplicates.ts).
  const stays = [...from.free].flatMap(([id, list]) => list.slice(0, 1).filter((owner) => picks.get(id) !== owner));
  return stays.every((issue) => issue.state === "closed") ? picks : null;
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

/**
 * A source with tasks of its own gives issues away only in a swap: each task it wants gets an
 * issue from a followed move (a pair into it exists only when all it wants is supplied), or it
 * wants none and gives only strays, the issues a swap cut short left beside its own.
 */
function released({ from, picks }: Pair, kept: readonly Pair[], gone: ScopeMoveInputs["gone"]): boolean {
  if (from.tasks.size === 0) return vacated(from, gone);
  if (kept.some((p) => p.to === from)) return true;
  return from.wanting.size === 0 && [...picks].every(([id, issue]) => from.issues.get(id)![0] !== issue);
}

/** An owner of `to` whose ID a moved issue takes must itself move out, or it would be lost. */
function displacedFollow({ to }: Pair, kept: readonly Pair[]): boolean {
  const displaced = [...to.wanting.keys()].flatMap((id) => to.issues.get(id)?.slice(0, 1) ?? []);
  if (displaced.length === 0) return true;
  const out = new Set(kept.filter((p) => p.from === to).flatMap((p) => [...p.picks.values()]));
  return displaced.every((issue) => out.has(issue));
}

/** Items by scope and ID, in the order given: an issue's owner comes before its strays. */
function groupBy<T>(
  items: readonly T[],
  scopeOf: (item: T) => string | null,
  idOf: (item: T) => string,
): Map<string, Group<T>> {
  const groups = new Map<string, Group<T>>();
  for (const item of items) {
    const scope = scopeOf(item);
    if (scope === null) continue;
    const group = groups.get(scope) ?? { scope, byId: new Map<string, T[]>() };
    const id = idKey(idOf(item));
    group.byId.set(id, [...(group.byId.get(id) ?? []), item]);
    groups.set(scope, group);
  }
  return groups;
}

function moveOf(scoper: Scoper) {
  return ({ from, to, picks }: Pair): ScopeMove => {
    const issues = new Map([...picks].map(([id, issue]) => [issue, to.wanting.get(id)!.key]));
    const keys = new Map([...issues].map(([issue, key]) => [markerKey(issue.marker, scoper), key]));
    return { from: from.scope, to: to.scope, keys, issues };
  };
}
