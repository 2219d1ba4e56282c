import { MANAGED_LABEL, type DesiredIssue } from "./desired-issue.js";
import { checklistDrifted } from "../writeback/issue-checklist.js";
import { replaceMarker } from "./marker.js";
import { hasLabel, labelChanges, mergeLabels } from "./reconcile-labels.js";
import { renderBody, type SourceLink } from "./render-body.js";
import type { IssueState, Marker, Operation, RemoteIssue } from "./sync-types.js";
import { BOARD_ROLES, type BoardMarker } from "./board-types.js";
import { decideType } from "./issue-type.js";

type UpdateIssue = Extract<Operation, { kind: "update-issue" }>;

/** Operations that bring one task's issue in line with the doc. */
export function reconcileIssue(desired: DesiredIssue, remote: RemoteIssue | undefined, link: SourceLink): Operation[] {
  if (!remote) return createIssue(desired, link);
  const state = decideState(desired.state, remote);
  // Ticks made in the issue and not yet written back would be lost to a re-render: the content
  // waits for the write-back (queued by the same sync), which renders the issue from the new doc.
  const contentChanged =
    (remote.marker.hash !== desired.hash || remote.marker.file !== desired.file) &&
    !checklistDrifted(remote.body, remote.marker);
  const stateChanged = state.marker !== remote.marker.state || state.issue !== undefined;
  // The "blocked by" links plansync owns changed (reconcile-dependencies.ts links them).
  // The links it owns, or its sub-issues' order, changed: the marker records them.
  // So did the card values doc and board agreed on (reconcile-board.ts).
  const linksChanged = !sameList(remote.marker.deps ?? [], desired.deps) || remote.marker.order !== desired.order;
  const boardChanged = !sameBoard(remote.marker.board, desired.board);
  const depsChanged = linksChanged || boardChanged;
  // Found by its creator after a human took the `plansync` label off: put it back.
  const unlabelled = !hasLabel(remote.labels, MANAGED_LABEL);
  // An adopted issue (adoption.ts) gets its marker and label; its title and body stay as written.
  const adopting = remote.adopting === true;
  // The issue type, three-way (issue-type.ts); a marker written for any reason records the agreed one.
  const type = decideType(desired.type, remote.marker.type, remote.type);
  const typeChanged = type.set !== undefined;
  const typed = typeField(type.record);
  if (!contentChanged && !stateChanged && !unlabelled && !depsChanged && !adopting && !typeChanged) return [];
  const update: UpdateIssue = {
    kind: "update-issue",
    issue: { number: remote.number },
    taskId: desired.taskId,
    reason: "",
  };
  // Only what changed in the doc is written: a state change alone rewrites the marker and keeps
  // every other byte of the body, a human's edits included.
  // An adopted issue's body is its author's: the doc's changes reach its title and fields only.
  if (contentChanged && remote.marker.adopted)
    setMarker(update, remote, {
      ...withoutType(remote.marker),
      file: desired.file,
      hash: desired.hash,
      state: state.marker,
      deps: desired.deps,
      order: desired.order,
      board: desired.board,
      ...typed,
    });
  else if (contentChanged) update.body = renderBody(withRecordedType(desired, type.record), link, state.marker);
  else if (stateChanged || depsChanged || adopting || typeChanged)
    setMarker(update, remote, {
      ...withoutType(remote.marker),
      state: state.marker,
      deps: desired.deps,
      order: desired.order,
      board: desired.board,
      ...typed,
    });
  if (typeChanged) update.type = type.set;
  if (contentChanged) Object.assign(update, contentChanges(desired, remote));
  else if (unlabelled) update.labels = { add: [MANAGED_LABEL], remove: [] };
  if (state.issue) {
    update.state = state.issue;
    update.stateReason = state.issue === "closed" ? "completed" : "reopened";
  }
  const recorded = stateChanged || contentChanged ? {} : { links: linksChanged, board: boardChanged };
  update.reason = describe(update, contentChanged, remote.marker.file !== desired.file, recorded);
  if (adopting) update.reason = `adopted${update.state ? `, ${update.reason}` : ""}`;
  return [update];
}

function createIssue(desired: DesiredIssue, link: SourceLink): Operation[] {
  // The marker says "open" until the close lands: a sync cut off in between then closes it next time.
  const create: Operation = {
    kind: "create-issue",
    taskId: desired.taskId,
    title: desired.title,
    body: renderBody(desired, link, "open"),
    labels: desired.labels,
    milestone: desired.milestone,
    assignees: desired.assignees,
    ...(typeof desired.type === "string" && { type: desired.type }),
  };
  if (desired.state === "open") return [create];
  const close: UpdateIssue = {
    kind: "update-issue",
    issue: { taskId: desired.taskId },
    taskId: desired.taskId,
    reason: "ticked in the doc",
    body: renderBody(desired, link, "closed"),
    state: "closed",
    stateReason: "completed",
  };
  return [create, close];
}

/**
 * Three-way state: the marker holds what doc and issue last agreed on. A side that moved away
 * from it wins. An issue closed or reopened on GitHub while its box did not change is left as it
 * is: writing its state back into the doc is the write-back's job, never reopening it here.
 */
export function decideState(doc: IssueState, remote: RemoteIssue): { issue?: IssueState; marker: IssueState } {
  const agreed = remote.marker.state;
  if (doc !== agreed && remote.state === agreed) return { issue: doc, marker: doc };
  if (doc === agreed && remote.state !== agreed) return { marker: agreed };
  return { marker: doc };
}

/**
 * A body that changes only in its marker is sent as the marker: the update puts it into the body
 * as it is then (apply-operations.ts). `body` shows the change on the body as read, for reports.
 */
function setMarker(update: UpdateIssue, remote: RemoteIssue, marker: Marker): void {
  update.marker = marker;
  update.body = replaceMarker(remote.body, marker);
}

function contentChanges(desired: DesiredIssue, remote: RemoteIssue): Partial<UpdateIssue> {
  const changes: Partial<UpdateIssue> = {};
  if (remote.title !== desired.title) changes.title = desired.title;
  const labels = labelChanges(remote.labels, mergeLabels(remote.labels, desired.labels, desired.ownedLabels));
  if (labels) changes.labels = labels;
  if (remote.milestone !== desired.milestone && desired.milestone !== null) changes.milestone = desired.milestone;
  // Assignees are only ever added: one a human assigned is theirs to remove.
  const missing = desired.assignees.filter((a) => !remote.assignees.includes(a));
  if (missing.length) changes.assignees = { add: missing, remove: [] };
  return changes;
}

/** The marker's `type` field for a recorded type; none when nothing is recorded. */
function typeField(record: string | null | undefined): Pick<Marker, "type"> {
  return record === undefined ? {} : { type: record };
}

function withoutType(marker: Marker): Marker {
  const { type: _type, ...rest } = marker;
  return rest;
}

/** The desired issue with the type its marker records in place of the doc's. */
function withRecordedType(desired: DesiredIssue, record: string | null | undefined): DesiredIssue {
  const { type: _type, ...rest } = desired;
  return { ...rest, ...typeField(record) };
}

/** Two recorded cards are the same when they name one project and hold the same values. */
function sameBoard(a: BoardMarker | undefined, b: BoardMarker | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.p === b.p && BOARD_ROLES.every((role) => a.f[role] === b.f[role]);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The update's reason in words. `recorded`: what the marker records anew when only the marker
 * changes (links plansync owns, the board values doc and board agreed on).
 */
function describe(
  update: UpdateIssue,
  contentChanged: boolean,
  moved: boolean,
  recorded: { links?: boolean; board?: boolean },
): string {
  const parts: string[] = [];
  if (update.state === "closed") parts.push("ticked in the doc");
  if (update.state === "open") parts.push("unticked in the doc");
  if (moved) parts.push("moved to another file");
  if (update.title) parts.push("title changed");
  if (contentChanged && !update.title) parts.push("details changed");
  if (update.type !== undefined) parts.push(`issue type ${update.type}`);
  if (parts.length === 0 && (recorded.links || recorded.board))
    parts.push(
      recorded.links && recorded.board
        ? "links and board values recorded"
        : recorded.board
          ? "board values recorded"
          : "links recorded",
    );
  if (parts.length === 0) parts.push(update.labels ? "plansync label restored" : "state agreed");
  return parts.join(", ");
}
