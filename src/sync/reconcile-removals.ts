import type { PlansyncConfig } from "../config/config-schema.js";
import { ownedLabels, REMOVED_LABEL } from "./desired-issue.js";
import { replaceMarker } from "./marker.js";
import { labelChanges, mergeLabels } from "./reconcile-labels.js";
import type { DocsSnapshot, Operation, RemoteIssue } from "./sync-types.js";

/**
 * Issues whose task is gone from every doc. Only issues whose file this sync has read can be
 * judged; nothing is ever deleted. Already-handled removals produce nothing, so no comment repeats.
 */
export function reconcileRemovals(
  removed: readonly RemoteIssue[],
  docs: DocsSnapshot,
  config: PlansyncConfig,
): Operation[] {
  const action = config.removal.action;
  if (action === "ignore") return [];
  return removed.flatMap((issue) =>
    action === "close" ? closeRemoved(issue, docs) : labelRemoved(issue, docs, config),
  );
}

/** True when removing this issue would change it: not yet closed, or not yet labelled. */
export function awaitsRemoval(issue: RemoteIssue, config: PlansyncConfig): boolean {
  if (config.removal.action === "close") return issue.state === "open";
  return config.removal.action === "label" && !issue.labels.includes(REMOVED_LABEL);
}

function closeRemoved(issue: RemoteIssue, docs: DocsSnapshot): Operation[] {
  if (issue.state === "closed") return [];
  const ref = { number: issue.number };
  return [
    {
      kind: "comment",
      issue: ref,
      taskId: issue.marker.id,
      body: removalComment(issue, docs, "Closing it as not planned"),
    },
    {
      kind: "update-issue",
      issue: ref,
      taskId: issue.marker.id,
      reason: "removed from the docs",
      state: "closed",
      stateReason: "not_planned",
      body: withMarkerState(issue, "closed"),
      marker: { ...issue.marker, state: "closed" },
    },
  ];
}

function labelRemoved(issue: RemoteIssue, docs: DocsSnapshot, config: PlansyncConfig): Operation[] {
  if (issue.labels.includes(REMOVED_LABEL)) return [];
  const ref = { number: issue.number };
  return [
    {
      kind: "comment",
      issue: ref,
      taskId: issue.marker.id,
      body: removalComment(issue, docs, `Labelled \`${REMOVED_LABEL}\``),
    },
    {
      kind: "update-issue",
      issue: ref,
      taskId: issue.marker.id,
      reason: "removed from the docs",
      labels: labelChanges(issue.labels, [...mergeLabels(issue.labels, [], ownedLabels(config)), REMOVED_LABEL]),
    },
  ];
}

function removalComment(issue: RemoteIssue, docs: DocsSnapshot, action: string): string {
  return `Task ${issue.marker.id} was removed from \`${issue.marker.file}\` in ${docs.sha.slice(0, 7)}. ${action}; add the task back to a doc and plansync reopens this issue.`;
}

/** The body with only the marker's agreed state changed. */
function withMarkerState(issue: RemoteIssue, state: "open" | "closed"): string {
  return replaceMarker(issue.body, { ...issue.marker, state });
}
