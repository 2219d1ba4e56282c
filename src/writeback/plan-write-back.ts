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

/** A managed issue whose state or checklist ticks moved away from what the doc last agreed on. */
export interface PendingIssue {
  number: number;
  state: IssueState;
  marker: Marker;
  /** The issue's checklist when its ticks moved, to tick the same items in the doc; else null. */
  checklist: ChecklistState[] | null;
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
  const changes = new Map<string, Map<string, boolean>>();
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
    const docState: IssueState = task.checked === true ? "closed" : "open";
    if (docState !== issue.state && task.checked === null && !options.insertCheckbox) {
      result.skipped.push({ issue, reason: `${issue.marker.id} has no checkbox and writeBack.insertCheckbox is off` });
      continue;
    }
    if (docState !== issue.state) {
      const fileChanges = changes.get(issue.marker.file) ?? new Map<string, boolean>();
      fileChanges.set(issue.marker.id, issue.state === "closed");
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

/** Why the task was not found: gone from the file, or the file could not be read at all. */
function missingReason(issue: PendingIssue, plan: Plan): string {
  const unread = isUnreadable(plan) ? plan.diagnostics.find((d) => d.severity === "error") : undefined;
  if (unread) return `${issue.marker.file} could not be read, so nothing is written to it: ${unread.message}`;
  return `${issue.marker.id} is no longer in ${issue.marker.file}`;
}

/** `Check off BE-001 (#42)`, `Reopen BE-001 (#42)`, or a summary line for a batch. */
export function commitMessage(issues: readonly PendingIssue[]): string {
  const describe = (i: PendingIssue) => `${i.marker.id} (#${i.number})`;
  const closed = issues.filter((i) => i.state === "closed").map(describe);
  const reopened = issues.filter((i) => i.state === "open").map(describe);
  const parts = [closed.length && `Check off ${closed.join(", ")}`, reopened.length && `Reopen ${reopened.join(", ")}`];
  const subject = parts.filter(Boolean).join("; ");
  return `${subject}\n\nSynced by plansync from the issues' state on GitHub: only checkboxes change.`;
}
