import { createScoper, markerKey, type Scoper } from "./task-scope.js";
import { followMoves, scopeMoves, type ScopeMoveInputs } from "./scope-moves.js";
import type { PlansyncConfig } from "../config/config-schema.js";
import { isUnreadable, type Diagnostic } from "../plan/index.js";
import { checklistDrifted } from "../writeback/issue-checklist.js";
import { collectTasks, type LocatedTask } from "./collect-tasks.js";
import { closeCopies, keepHolders, ownersAndCopies, type Copy } from "./reconcile-duplicates.js";
import { desiredIssue } from "./desired-issue.js";
import { reconcileIssue } from "./reconcile-issue.js";
import { desiredType } from "./issue-type.js";
import { missingLabels } from "./reconcile-labels.js";
import { reconcileMilestones } from "./reconcile-milestones.js";
import { reconcileRemovals } from "./reconcile-removals.js";
import { guardRemovals } from "./guard-removals.js";
import { desiredDependencies, ownedDependencies, reconcileDependencies } from "./reconcile-dependencies.js";
import { reconcileSubIssues } from "./reconcile-sub-issues.js";
import { milestoneProgress, NO_PROGRESS, type MilestoneProgress } from "./milestone-progress.js";
import { milestoneTitle } from "./milestone-title.js";
import type { DocsSnapshot, Operation, RemoteIssue, RemoteState } from "./sync-types.js";
import { planAdoption, withoutWaiting, type Adoption } from "./adoption.js";
import { splitStillWritten } from "./still-written.js";
import { fuseCreates } from "./fuse-creates.js";
import { reconcileBoard } from "./reconcile-board.js";
import { epicPicture } from "./epic-diagram.js";
import { epicState } from "./epic-state.js";

export interface ReconcileResult {
  operations: Operation[];
  /** Problems found across files (a task ID used in two files), by path. */
  diagnostics: Map<string, Diagnostic[]>;
  /**
   * True when an issue's task is missing from the files read, but other plan files were not read:
   * the task may have moved there. Read every plan file and reconcile again before removing anything.
   */
  needsFullScan: boolean;
  /**
   * Managed issues closed or reopened on GitHub whose box did not follow: a write-back that was
   * lost (a restart, a failure past its retries, a missed webhook). The caller queues them.
   */
  writeBacks: number[];
  /** Removals held by the mass-removal rail (guard-removals.ts), for the check run to list. */
  heldRemovals: RemoteIssue[];
  /** With `skipRemovals`: the issues whose task is missing, reported and left alone. */
  skippedRemovals?: RemoteIssue[];
  /** The managed issues a removal would still change, which the rail weighs removals against. */
  removable: number;
  /** Progress of each milestone the docs read name, for the check run. */
  progress: Map<string, MilestoneProgress>;
  /** Candidates adopted by this sync, and tasks waiting on theirs (adoption.ts). */
  adoption: Adoption;
  /** Issues whose board Status moved while the doc did not (reconcile-board.ts): owed to the doc. */
  boardWriteBacks?: number[];
  /** One check-run line per board problem: a project out of reach, a missing field, an unknown option. */
  boardNotes?: string[];
}

export interface ReconcileOptions {
  /** Issue numbers whose removal `removal.confirm` confirmed (listed by the check run at that commit). */
  confirmedRemovals?: ReadonlySet<number>;
  /**
   * Removes nothing, and returns what would have been removed as `skippedRemovals`: a working
   * tree may lack tasks added upstream since it was checked out, so a missing task proves nothing.
   */
  skipRemovals?: boolean;
}

/**
 * The pure heart of a sync: docs plus GitHub's state plus config in, the operations that make
 * GitHub match the docs out. Running it again on the result yields no operations.
 */
export function reconcile(
  docs: DocsSnapshot,
  remote: RemoteState,
  config: PlansyncConfig,
  options: ReconcileOptions = {},
): ReconcileResult {
  const scoper = createScoper(config.ids.scopes);
  const { owners, copies: claimants } = ownersAndCopies(remote.issues, scoper);
  const epics = config.hierarchy.epics === "issue";
  const { winners, diagnostics } = collectTasks(docs.files, owners, scoper, { epics });
  const sameTask = madeFor(scoper, config);
  const byKey = new Map(winners.map((w) => [w.key, w]));
  const held = keepHolders(owners, claimants, (key, issue) => byKey.has(key) && sameTask(byKey.get(key)!, issue));
  const moves = scopeMoves(movesIn(docs, winners, owners, held, scoper, sameTask));
  const moved = followMoves(owners, moves, (issue) => markerKey(issue.marker, scoper));
  // A stray a move took is no copy: it was half-way through that move when a sync died.
  const copies = held.filter((c) => !moved.has(c.copy));
  const adoption = planAdoption(winners, owners, remote.candidates ?? [], {
    adopt: config.adopt,
    hashOf: (located) => desiredIssue(located, config).hash,
    held: heldClaims(remote, scoper),
  });
  for (const [key, issue] of adoption.adopted) owners.set(key, issue);
  const present = new Set(winners.map((w) => w.key));
  const elsewhere = docs.complete ? new Set<string>() : new Set([...owners.keys()].filter((k) => !present.has(k)));
  const dependencies = desiredDependencies(winners, scoper, config, elsewhere);
  const subIssues = reconcileSubIssues(winners, owners, config, scoper);
  const link = { htmlUrl: docs.htmlUrl, sha: docs.sha };
  // Cards are decided first: each marker records the values the board agrees on after this sync.
  const board = reconcileBoard(
    winners.map((located) => ({ located, remote: owners.get(located.key) })),
    remote.board,
    config,
  );
  const pictureContext = {
    ...link,
    scoper,
    tasks: byKey,
    elsewhere: (key: string) => existsElsewhere(key, elsewhere),
  };
  const issueTypes = remote.issueTypes;
  // An existing issue's card is written just before the update that rewrites its marker: a sync
  // cut off between them leaves the old record, so the next sync writes the card again rather
  // than take its stale value for a person's change. A new issue's card follows its create (and
  // every link): an issue is on the board once it exists, and a card missing or left empty is filled.
  const { before: cardsOf, after: cardsLast } = placeCards(board.operations);
  const issueOps = winners.flatMap((located) => {
    const remote = owners.get(located.key);
    const cards = remote === undefined ? [] : (cardsOf.get(remote.number) ?? []);
    const picture = located.epic ? epicPicture(located, { ...pictureContext, owners }) : undefined;
    const desired = desiredIssue(located, config, ownedDependencies(dependencies, located, remote), picture);
    desired.order = subIssues.orders.get(located.key);
    desired.board = board.records.get(located.key);
    // An epic has no checklist: its marker's `checks` record its stories' ticks (epic-state.ts).
    if (picture) desired.checks = picture.ticks;
    const type = desiredType(desired.epic, config, issueTypes, remote?.type);
    if (type !== undefined) desired.type = type;
    if (!located.epic) return [...cards, ...reconcileIssue(desired, remote, link)];
    return [...cards, ...reconcileIssue(...epicState(desired, remote, config.hierarchy.closeEpics), link)];
  });
  const keyOf = (issue: RemoteIssue) => moved.get(issue) ?? markerKey(issue.marker, scoper);
  const unreadable = new Set(docs.files.filter((f) => isUnreadable(f.plan)).map((f) => f.path));
  const missing = [...owners.values()].filter(
    (issue) =>
      !present.has(keyOf(issue)) &&
      (docs.complete || docs.coveredPaths.has(issue.marker.file)) &&
      !unreadable.has(issue.marker.file),
  );
  const { gone, kept, diagnostics: keptDiagnostics } = splitStillWritten(missing, docs.files);
  if (gone.length > 0 && !docs.complete && !docs.exhausted)
    return {
      operations: [],
      diagnostics,
      needsFullScan: true,
      writeBacks: [],
      heldRemovals: [],
      removable: 0,
      progress: new Map(),
      adoption,
    };
  const removals = guardRemovals(gone, [...owners.values()], config, options.confirmedRemovals ?? new Set());
  const removalOps = reconcileRemovals(options.skipRemovals ? [] : removals.allowed, docs, config);
  const unread = docs.complete
    ? []
    : [...owners.values()].filter((i) => !present.has(keyOf(i)) && !docs.coveredPaths.has(i.marker.file));
  const progress = milestoneProgress(winners, unread, config);
  const milestoneOps = reconcileMilestones(docs.files, remote.milestones, config, {
    htmlUrl: docs.htmlUrl,
    progress,
    read: (path) => docs.complete || docs.coveredPaths.has(path),
  });
  // Links come after every create: both ends of a link must exist.
  const links = [...subIssues.operations, ...reconcileDependencies(winners, dependencies, owners, scoper)];
  const writes = [...closeCopies(copies), ...issueOps, ...removalOps];
  return {
    // A new child is created under its parent: one write, not a create and a link.
    operations: fuseCreates(
      withoutWaiting(
        [...missingLabels(writes, remote.labels), ...milestoneOps, ...writes, ...links, ...cardsLast],
        adoption.waiting,
      ),
    ),
    diagnostics: mergeDiagnostics(diagnostics, dependencies.diagnostics, subIssues.diagnostics, keptDiagnostics),
    needsFullScan: false,
    writeBacks: drifted(owners, winners, [...gone, ...kept], keyOf, config.writeBack.insertCheckbox),
    heldRemovals: options.skipRemovals ? [] : removals.held,
    skippedRemovals: options.skipRemovals ? [...removals.allowed, ...removals.held] : undefined,
    removable: removals.removable,
    progress: namedIn(progress, docs, config),
    adoption,
    boardWriteBacks: board.statusMoved,
    boardNotes: board.notes,
  };
}

/** Card writes by existing issue number (sent before that issue's update), and those for issues this sync creates. */
function placeCards(operations: readonly Operation[]): { before: Map<number, Operation[]>; after: Operation[] } {
  const before = new Map<number, Operation[]>();
  const after: Operation[] = [];
  for (const op of operations) {
    const issue = "issue" in op ? op.issue : undefined;
    if (issue === undefined || !("number" in issue)) after.push(op);
    else before.set(issue.number, [...(before.get(issue.number) ?? []), op]);
  }
  return { before, after };
}

/** What move detection weighs: a file is gone when the full read did not find it, or the push deleted it. */
function movesIn(
  docs: DocsSnapshot,
  winners: LocatedTask[],
  owners: Map<string, RemoteIssue>,
  copies: readonly Copy[],
  scoper: Scoper,
  sameTask: ScopeMoveInputs["sameTask"],
): ScopeMoveInputs {
  const read = new Set(docs.files.map((f) => f.path));
  const gone = (path: string) => !read.has(path) && (docs.complete || docs.coveredPaths.has(path));
  const strays = copies.map((c) => c.copy);
  return { winners, owners, strays, scoper, gone, sameTask, complete: docs.complete };
}

/**
 * True when the issue was made for this task, whatever scope each names: the title or the content
 * hash it was last synced with is the one the task renders under the issue's own scope. The hash
 * still holds when a person retitled the issue or it was adopted with its author's title, and
 * both include the task's title, so spec-kit's T001 of one feature is no match for another's.
 */
function madeFor(scoper: Scoper, config: PlansyncConfig) {
  return (located: LocatedTask, issue: RemoteIssue): boolean => {
    const desired = desiredIssue({ ...located, scope: scoper(issue.marker.file, issue.marker.id) }, config);
    return desired.title === issue.title || desired.hash === issue.marker.hash;
  };
}

/** The progress of the milestones the docs read name, in the order they name them; one with no tasks yet has none. */
function namedIn(
  progress: ReadonlyMap<string, MilestoneProgress>,
  docs: DocsSnapshot,
  config: PlansyncConfig,
): Map<string, MilestoneProgress> {
  if (!config.milestones.enabled) return new Map();
  const titles = docs.files.flatMap((f) => f.plan.milestones.map((m) => milestoneTitle(m.title, config)));
  return new Map(titles.map((t) => [t, progress.get(t) ?? { ...NO_PROGRESS }] as const));
}

/**
 * True when a task of this key lives in a file this sync did not read (its issue says so). Only
 * that it exists: an epic's picture draws no state for a blocker outside it (epic-diagram.ts).
 */
function existsElsewhere(key: string, elsewhere: ReadonlySet<string>): boolean {
  return elsewhere.has(key);
}

/** Labelled issues claiming a task whose author could not be confirmed, by the task they claim. */
function heldClaims(remote: RemoteState, scoper: ReturnType<typeof createScoper>) {
  const held = new Map<string, NonNullable<RemoteState["claiming"]>>();
  for (const claim of remote.claiming ?? []) {
    if (!claim.labelled) continue;
    const key = markerKey(claim, scoper);
    held.set(key, [...(held.get(key) ?? []), claim]);
  }
  return held;
}

function mergeDiagnostics(...maps: Map<string, Diagnostic[]>[]): Map<string, Diagnostic[]> {
  const merged = new Map<string, Diagnostic[]>();
  for (const map of maps) for (const [path, list] of map) merged.set(path, [...(merged.get(path) ?? []), ...list]);
  return merged;
}

/**
 * Issues whose state moved away from the marker while the doc did not follow. Where the doc
 * moved the same way, the sync records the agreement itself; a removed task is the removal's.
 * A story without a box owes its state nothing when `insertCheckbox` is off: no write-back could
 * change the doc, so queuing one on every push would only spend requests.
 */
function drifted(
  owners: ReadonlyMap<string, RemoteIssue>,
  winners: readonly LocatedTask[],
  gone: readonly RemoteIssue[],
  keyOf: (issue: RemoteIssue) => string,
  insertCheckbox: boolean,
): number[] {
  const tasks = new Map(winners.map(({ task, key }) => [key, task]));
  const removed = new Set(gone);
  const stateOwed = (i: RemoteIssue) => {
    const task = tasks.get(keyOf(i));
    if (task && task.checked === null && !insertCheckbox) return false;
    const docState = task ? (task.checked === true ? "closed" : "open") : undefined;
    return i.state !== i.marker.state && docState !== i.state;
  };
  return [...owners.values()]
    .filter((i) => !removed.has(i) && !i.marker.epic && (stateOwed(i) || checklistDrifted(i.body, i.marker)))
    .map((i) => i.number);
}
