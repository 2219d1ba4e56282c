import { idKey } from "../plan/task-id.js";
import {
  parsePlan,
  setChecklistStates,
  setTaskStates,
  isUnreadable,
  type ParseOptions,
  type Plan,
} from "../plan/index.js";
import type { IssueState, Marker } from "../sync/sync-types.js";
import type { ChecklistState } from "./issue-checklist.js";
import { meetsTarget, type MarkTarget } from "../plan/mark-target.js";
import type { StatusRole } from "../sync/board-types.js";
import type { Task } from "../plan/plan-types.js";

/** A managed issue whose state or checklist ticks moved away from what the doc last agreed on. */
export interface PendingIssue {
  number: number;
  /** The state doc and issue agree on once written: the issue's, unless its card's Status decides. */
  state: IssueState;
  marker: Marker;
  /** The issue's checklist when its ticks moved, to tick the same items in the doc; else null. */
  checklist: ChecklistState[] | null;
  /** The card's Status when it moved away from the agreed one (board-move.ts); the marker records it. */
  boardStatus?: StatusRole;
  /** The doc's mark when the board says more than done or open (markTarget). */
  target?: MarkTarget;
  /** The issue's state now, when the board asked for another (`state`): the agreement's PATCH changes it. */
  stateNow?: IssueState;
}

/** The mark an issue asks of its task: its own target, else done for closed and open for open. */
export function markTarget(issue: PendingIssue): MarkTarget {
  return issue.target ?? (issue.state === "closed" ? "done" : "open");
}

export interface WriteBackPlan {
  /** New text for each file that changes: only checkbox bytes differ. */
  files: Map<string, string>;
  /** Issues whose box now matches (after the commit lands): their markers record the agreement. */
  agreed: PendingIssue[];
  /** Issues for which nothing is written, with the reason, for the log. */
  skipped: { issue: PendingIssue; reason: string }[];
  /** The agreed issues whose box this plan flips. */
  flipped: PendingIssue[];
}

export interface WriteBackOptions extends ParseOptions {
  insertCheckbox: boolean;
}

/**
 * Decides the checkbox edits for issues closed or reopened on GitHub. Files are re-parsed as they
 * are now on the branch, never from stale offsets. A box that already matches the issue needs no
 * edit, only a new agreement; the issue's side wins otherwise, as its change is the newer one.
 */
export function planWriteBack(
  pending: readonly PendingIssue[],
  texts: ReadonlyMap<string, string | null>,
  options: WriteBackOptions,
): WriteBackPlan {
  const result: WriteBackPlan = { files: new Map(), agreed: [], skipped: [], flipped: [] };
  const changes = new Map<string, Map<string, MarkTarget>>();
  // Parsed once per file: `plansync pull` passes every managed issue, many to a file.
  const parsed = new Map<string, Plan>();
  for (const issue of pending) {
    const text = texts.get(issue.marker.file);
    if (text == null) {
      result.skipped.push({ issue, reason: `${issue.marker.file} no longer exists on the branch` });
      continue;
    }
    const plan = parsed.get(issue.marker.file) ?? parsePlan(text, options);
    parsed.set(issue.marker.file, plan);
    const task = plan.tasks.find((t) => idKey(t.id) === idKey(issue.marker.id));
    if (!task) {
      result.skipped.push({ issue, reason: missingReason(issue, plan) });
      continue;
    }
    const target = markTarget(issue);
    const meets = meetsTarget(meaningOf(task), target);
    if (!meets && task.checked === null && !options.insertCheckbox) {
      result.skipped.push({ issue, reason: `${issue.marker.id} has no checkbox and writeBack.insertCheckbox is off` });
      continue;
    }
    if (!meets) {
      const fileChanges = changes.get(issue.marker.file) ?? new Map<string, MarkTarget>();
      fileChanges.set(issue.marker.id, target);
      changes.set(issue.marker.file, fileChanges);
      result.flipped.push(issue);
    }
    result.agreed.push(issue);
  }
  for (const path of new Set(result.agreed.map((issue) => issue.marker.file))) {
    const text = texts.get(path)!;
    let updated = setTaskStates(text, changes.get(path) ?? new Map(), options);
    for (const issue of result.agreed.filter((i) => i.marker.file === path && i.checklist))
      updated = setChecklistStates(updated, issue.marker.id, issue.checklist!, options);
    if (updated !== text) result.files.set(path, updated);
  }
  return result;
}

/** What the task's mark (or status emoji, or `status:` value) says; null when it says nothing. */
function meaningOf(task: Task) {
  if (task.checked === true) return "done";
  if (task.inProgress) return "in-progress";
  return task.checked === false ? "open" : null;
}

/** Why the task was not found: gone from the file, or the file could not be read at all. */
function missingReason(issue: PendingIssue, plan: Plan): string {
  const unread = isUnreadable(plan) ? plan.diagnostics.find((d) => d.severity === "error") : undefined;
  if (unread) return `${issue.marker.file} could not be read, so nothing is written to it: ${unread.message}`;
  return `${issue.marker.id} is no longer in ${issue.marker.file}`;
}

/** `Check off BE-001 (#42)`, `Reopen BE-001 (#42)`, `Mark BE-002 in progress (#12)`, or a summary line for a batch. */
export function commitMessage(issues: readonly PendingIssue[]): string {
  const describe = (list: readonly PendingIssue[]) => list.map((i) => `${i.marker.id} (#${i.number})`).join(", ");
  const having = (target: MarkTarget) => issues.filter((i) => markTarget(i) === target);
  const [done, open, todo, doing] = [having("done"), having("open"), having("todo"), having("inProgress")];
  const parts = [
    done.length && `Check off ${describe(done)}`,
    open.length && `Reopen ${describe(open)}`,
    todo.length && `Mark ${describe(todo)} to do`,
    doing.length && `Mark ${describe(doing)} in progress`,
  ];
  const subject = parts.filter(Boolean).join("; ");
  const source = issues.some((i) => i.boardStatus) ? "the issues' state and board Status" : "the issues' state";
  return `${subject}\n\nSynced by plansync from ${source} on GitHub: only checkboxes change.`;
}
