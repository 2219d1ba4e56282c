import { idKey } from "../plan/task-id.js";
import { locateTask } from "../sync/collect-tasks.js";
import { createScoper } from "../sync/task-scope.js";
import type { PlansyncConfig } from "../config/config-schema.js";
import { parsePlan, type Plan } from "../plan/index.js";
import { desiredIssue, type DesiredIssue } from "../sync/desired-issue.js";
import type { IssueState, Marker, NameChanges } from "../sync/sync-types.js";
import { hasLabel } from "../sync/reconcile-labels.js";
import { checklistDrifted, checksOf, issueChecklist } from "./issue-checklist.js";
import type { PendingIssue } from "./plan-write-back.js";
import type { StatusRole } from "../sync/board-types.js";
import { boardMove } from "./board-move.js";
import { projectKey, projectUrlFor } from "../sync/board-values.js";

/**
 * What a managed issue owes the doc, read from its current state and body: its state when it
 * moved from the marker's, its checklist when its ticks did, its card's Status (`boardStatus`,
 * as read; null or absent when unread) when that moved from the agreed one (board-move.ts).
 * Null when it owes nothing. `untracked` takes the issue's checklist as it is for a marker older
 * than tracked ticks; only an edit event that saw the ticks change asks for that.
 */
export function pendingIssue(
  number: number,
  state: IssueState,
  body: string,
  marker: Marker,
  untracked = false,
  boardStatus: StatusRole | null = null,
): PendingIssue | null {
  // An epic has no box: its state follows its stories, and closing it early is a human's call.
  if (marker.epic) return null;
  // An adopted issue's task list is its author's, not the doc's checklist: only its state counts.
  const ticks = marker.adopted ? false : marker.checks === undefined ? untracked : checklistDrifted(body, marker);
  const checklist = ticks ? issueChecklist(body, marker.id) : null;
  const move = boardMove(state, marker, boardStatus);
  if (marker.state === state && !checklist?.length && !move) return null;
  const owed: PendingIssue = { number, state, marker, checklist: checklist?.length ? checklist : null };
  if (!move) return owed;
  return {
    ...owed,
    state: move.state,
    boardStatus: move.status,
    target: move.target,
    ...(move.state !== state && { stateNow: state }),
  };
}

/**
 * The marker once the doc agrees with the issue; the rest of the body stays as the human left it.
 * After a box alone, only the state changes. After a checklist write-back it records the ticks
 * written (a tick made since still differs from them, and is written back next). After any
 * write-back, when the doc's task was otherwise as the issue last showed it, it records the new
 * doc's hash (docChange), so the app's own push re-renders nothing. When the doc's task changed
 * too (the sync left that to this write-back, so as not to lose ticks to a re-render), the old
 * hash stays: the next sync renders the change.
 */
export function agreedMarker(
  issue: PendingIssue,
  texts: { before: string | null; after: string | null },
  config: PlansyncConfig,
): Marker {
  const board = issue.marker.board;
  const agreed: Marker = {
    ...issue.marker,
    state: issue.state,
    ...(board && issue.boardStatus && { board: { ...board, f: { ...board.f, status: issue.boardStatus } } }),
  };
  const change = docChange(issue, texts, config);
  return {
    ...agreed,
    ...(issue.checklist && change.found && { checks: checksOf(issue.checklist) }),
    ...(change.hash !== undefined && { hash: change.hash }),
  };
}

/**
 * The labels the issue gains or loses with the write-back's own change to the doc (a mark moved
 * into or out of `[~]`: the configured in-progress label), for the write-back to apply in the same
 * job as the marker that records the new hash; null when there are none, or the hash stays.
 */
export function agreedLabels(
  issue: PendingIssue,
  texts: { before: string | null; after: string | null },
  config: PlansyncConfig,
): NameChanges | null {
  return docChange(issue, texts, config).labels ?? null;
}

interface DocChange {
  /** The task is in the doc as written. */
  found: boolean;
  /** The new doc's hash, when the marker may record it. */
  hash?: string;
  /** What that hash implies on the issue beyond the marker. */
  labels?: NameChanges;
}

/**
 * The write-back changes only marks (and a checklist's ticks, which the issue already shows), so
 * when the doc's task was as the issue last showed it (the marker's hash) the new doc's issue
 * differs from the one on GitHub by what the marks imply: its labels. Anything else differing (a
 * mark that moved a title) leaves the hash to the next sync's re-render.
 */
function docChange(
  issue: PendingIssue,
  texts: { before: string | null; after: string | null },
  config: PlansyncConfig,
): DocChange {
  const after = desiredIn(texts.after, issue, config);
  if (after === null) return { found: false };
  const before = desiredIn(texts.before, issue, config);
  if (before?.hash !== issue.marker.hash || before.hash === after.hash) return { found: true };
  const same = (key: "title" | "content" | "meta" | "milestone" | "assignees") =>
    JSON.stringify(before[key]) === JSON.stringify(after[key]);
  // A checklist's ticks change the content the issue already shows.
  if (!same("title") || !same("meta") || !same("milestone") || !same("assignees")) return { found: true };
  if (!issue.checklist && !same("content")) return { found: true };
  const add = after.labels.filter((l) => !hasLabel(before.labels, l));
  const remove = before.labels.filter((l) => !hasLabel(after.labels, l));
  return { found: true, hash: after.hash, ...((add.length > 0 || remove.length > 0) && { labels: { add, remove } }) };
}

/**
 * The task's project as the doc's text names it now (its file's frontmatter `project:`, else
 * config `project.url`), as a project key; null for no project, undefined when the task is not in
 * the text. A card's Status counts only on this project: after the doc moved the task to another
 * board, the old card's moves are nobody's to write back.
 */
export function taskProjectKey(text: string, marker: Marker, config: PlansyncConfig): string | null | undefined {
  const plan = parsed(text, config);
  const task = plan.tasks.find((t) => idKey(t.id) === idKey(marker.id));
  if (!task) return undefined;
  const located = locateTask({ path: marker.file, plan }, task, createScoper(config.ids.scopes));
  const url = projectUrlFor(located, config);
  return url === null ? null : projectKey(url);
}

/** The issue the doc's text asks for this task, or null when the file or the task is gone. */
function desiredIn(text: string | null, issue: PendingIssue, config: PlansyncConfig): DesiredIssue | null {
  if (text === null) return null;
  const plan = parsed(text, config);
  const task = plan.tasks.find((t) => idKey(t.id) === idKey(issue.marker.id));
  if (!task) return null;
  return desiredIssue(locateTask({ path: issue.marker.file, plan }, task, createScoper(config.ids.scopes)), config);
}

/** The last texts parsed: a job's issues share a file, each asking for it before and after. */
const recent = new Map<string, { config: PlansyncConfig; plan: Plan }>();

function parsed(text: string, config: PlansyncConfig): Plan {
  const hit = recent.get(text);
  if (hit?.config === config) return hit.plan;
  const plan = parsePlan(text, { idPrefixes: config.ids.prefixes, taskStatus: config.taskFiles.status });
  recent.delete(text);
  recent.set(text, { config, plan });
  if (recent.size > 4) recent.delete(recent.keys().next().value!);
  return plan;
}
