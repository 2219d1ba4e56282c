import { locateTask } from "../sync/collect-tasks.js";
import { createScoper } from "../sync/task-scope.js";
import type { PlansyncConfig } from "../config/config-schema.js";
import { parsePlan } from "../plan/index.js";
import { desiredIssue } from "../sync/desired-issue.js";
import { replaceMarker } from "../sync/marker.js";
import { renderBody, type SourceLink } from "../sync/render-body.js";
import type { IssueState, Marker } from "../sync/sync-types.js";
import { checklistDrifted, issueChecklist } from "./issue-checklist.js";
import type { PendingIssue } from "./plan-write-back.js";

/**
 * What a managed issue owes the doc, read from its current state and body: its state when it
 * moved from the marker's, its checklist when its ticks did. Null when it owes nothing.
 * `untracked` takes the issue's checklist as it is for a marker older than tracked ticks; only an
 * edit event that saw the ticks change asks for that.
 */
export function pendingIssue(
  number: number,
  state: IssueState,
  body: string,
  marker: Marker,
  untracked = false,
): PendingIssue | null {
  // An epic has no box: its state follows its stories, and closing it early is a human's call.
  if (marker.epic) return null;
  // An adopted issue's task list is its author's, not the doc's checklist: only its state counts.
  const ticks = marker.adopted ? false : marker.checks === undefined ? untracked : checklistDrifted(body, marker);
  const checklist = ticks ? issueChecklist(body) : null;
  if (marker.state === state && !checklist?.length) return null;
  return { number, state, marker, checklist: checklist?.length ? checklist : null };
}

/**
 * The issue body once the doc agrees with it. After a checklist write-back the body is rendered
 * from the new doc text (the marker then holds the new hash and ticks, so the app's own push
 * writes nothing); after a box alone, only the marker's state changes and the rest is kept.
 */
export function agreedBody(
  issue: PendingIssue,
  body: string,
  text: string | null,
  config: PlansyncConfig,
  link: SourceLink,
): string {
  const plan = issue.checklist && text !== null ? parsePlan(text, { idPrefixes: config.ids.prefixes }) : null;
  const task = plan?.tasks.find((t) => t.id === issue.marker.id);
  if (!plan || !task) return replaceMarker(body, { ...issue.marker, state: issue.state });
  const located = locateTask({ path: issue.marker.file, plan }, task, createScoper(config.ids.scopes));
  // The links plansync owns are the sync's business: the write-back keeps the marker's record.
  return renderBody({ ...desiredIssue(located, config), deps: issue.marker.deps ?? [] }, link, issue.state);
}
