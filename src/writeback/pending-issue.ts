import { idKey } from "../plan/task-id.js";
import { locateTask } from "../sync/collect-tasks.js";
import { createScoper } from "../sync/task-scope.js";
import type { PlansyncConfig } from "../config/config-schema.js";
import { parsePlan } from "../plan/index.js";
import { desiredIssue } from "../sync/desired-issue.js";
import type { IssueState, Marker } from "../sync/sync-types.js";
import { checklistDrifted, checksOf, issueChecklist } from "./issue-checklist.js";
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
  const checklist = ticks ? issueChecklist(body, marker.id) : null;
  if (marker.state === state && !checklist?.length) return null;
  return { number, state, marker, checklist: checklist?.length ? checklist : null };
}

/**
 * The marker once the doc agrees with the issue; the rest of the body stays as the human left it.
 * After a box alone, only the state changes. After a checklist write-back it records the ticks
 * written (a tick made since still differs from them, and is written back next) and, when the
 * doc's task was otherwise as the issue last showed it, the new doc's hash, so the app's own push
 * re-renders nothing. When the doc's task changed too (the sync left that to this write-back, so
 * as not to lose the ticks to a re-render), the old hash stays: the next sync renders the change.
 */
export function agreedMarker(
  issue: PendingIssue,
  texts: { before: string | null; after: string | null },
  config: PlansyncConfig,
): Marker {
  const agreed: Marker = { ...issue.marker, state: issue.state };
  if (!issue.checklist) return agreed;
  const hashIn = (text: string | null) => {
    const plan =
      text === null
        ? null
        : parsePlan(text, {
            idPrefixes: config.ids.prefixes,
            taskStatus: config.taskFiles.status,
          });
    const task = plan?.tasks.find((t) => idKey(t.id) === idKey(issue.marker.id));
    if (!plan || !task) return null;
    return desiredIssue(locateTask({ path: issue.marker.file, plan }, task, createScoper(config.ids.scopes)), config)
      .hash;
  };
  const after = hashIn(texts.after);
  if (after === null) return agreed;
  const unchanged = hashIn(texts.before) === issue.marker.hash;
  return { ...agreed, checks: checksOf(issue.checklist), ...(unchanged && { hash: after }) };
}
