import { bodyWithMarker } from "./body-with-marker.js";
import type { IssueRef, Operation, RemoteIssue, RemoteMilestone, RemoteState } from "../sync/sync-types.js";
import { isUnknownIssueType, unknownTypeNote } from "./issue-type-refused.js";
import { applyLink } from "./apply-links.js";
import {
  addProjectItem,
  BoardCards,
  BoardSkipError,
  BoardWrites,
  isBoardWrite,
  isBoardWriteForbidden,
  setProjectField,
} from "./apply-board.js";
import type { BoardState } from "../sync/board-types.js";
import { createIssue, recordingType, UnlinkedChildError } from "./create-issue.js";
import { readMarker } from "../sync/marker.js";
import { NodeIds } from "./node-ids.js";
import { fitText, GITHUB_LIMITS } from "../sync/github-limits.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";
import { describeError, isRefusal, rateLimitWaitMs, sendOnce, statusOf } from "./write-policy.js";

export interface Applied {
  op: Operation;
  /** The issue or milestone number the operation touched. */
  number?: number;
  /** A create that names a parent, made without it: its link was refused or stopped the run. */
  unlinked?: true;
}

export interface Refused {
  op: Operation;
  message: string;
}

export interface ApplyResult {
  applied: Applied[];
  /** Operations GitHub refused (a 422, a deleted issue): skipped and reported, the rest went on. */
  refused: Refused[];
  /** Lines for the check run about what GitHub would not take but the sync went on without (an issue type). */
  notes?: string[];
  /**
   * Operations not sent, each for a reason one of `notes` gives: card writes to a board that may
   * not be written, and updates left with nothing to send once their marker kept its board record.
   * Neither done nor failed: the next sync plans them again.
   */
  skipped?: Operation[];
  /** The failure that stopped the run (5xx after retries, auth, rate limit); later operations were not attempted. */
  failure?: {
    op: Operation;
    message: string;
    /** Set when a rate limit stopped it: how long GitHub asks to wait. */ waitMs?: number;
  };
}

/** Told after each operation GitHub answered (done or refused), with how many are done of all. */
export type ApplyProgress = (op: Operation, done: number, total: number) => void;

/**
 * Runs the operations one after another, never in parallel: GitHub's secondary limits punish
 * concurrent writes, and later operations use numbers that earlier ones create. An operation
 * GitHub refuses is skipped, so one bad task cannot stop every later sync at the same place;
 * any other failure stops the run, and the next sync resumes from GitHub's state.
 */
export async function applyOperations(
  octokit: Octokit,
  repo: RepoRef,
  operations: readonly Operation[],
  remote: {
    milestones: readonly RemoteMilestone[];
    issues: readonly RemoteIssue[];
    board?: BoardState;
    issueTypes?: RemoteState["issueTypes"];
  },
  onProgress?: ApplyProgress,
): Promise<ApplyResult> {
  const milestones = new Map(remote.milestones.map((m) => [m.title, m.number]));
  const creates = operations.filter((op) => op.kind === "create-issue");
  const numbers: Numbers = {
    milestones,
    issues: new Map<string, number>(),
    ids: new Map(remote.issues.map((i) => [i.number, i.id])),
    nodes: new NodeIds(repo, { creates, issues: remote.issues, milestoneNumber: (title) => milestones.get(title) }),
    notes: [],
    untyped: new Set(),
    cards: new BoardCards(
      new Map(remote.issues.flatMap((i) => (i.nodeId ? [[i.number, i.nodeId]] : []))),
      remote.board,
    ),
  };
  numbers.issueTypes = remote.issueTypes ?? null;
  const board = new BoardWrites(remote.issues);
  const skipped: Operation[] = [];
  const result: ApplyResult = { applied: [], refused: [], notes: numbers.notes, skipped };
  const skip = (op: Operation, index: number) => {
    skipped.push(op);
    onProgress?.(op, index + 1, operations.length);
  };
  for (const [index, op] of operations.entries()) {
    const sent = op.kind === "update-issue" ? keepBoardRecord(op, board, numbers) : op;
    if (sent === null || (isBoardWrite(op) && !board.writable(op.project))) {
      if (isBoardWrite(op)) board.forbid(op, issueNumber(op.issue, numbers));
      skip(op, index);
      continue;
    }
    try {
      result.applied.push({ op, number: await applyOne(octokit, repo, sent, numbers) });
      onProgress?.(op, index + 1, operations.length);
    } catch (error) {
      if (isBoardWrite(op) && isBoardWriteForbidden(error)) {
        board.forbid(op, issueNumber(op.issue, numbers));
        skip(op, index);
        continue;
      }
      // A card that did not take a write: the issue's marker keeps its previous board record.
      if (isBoardWrite(op)) board.hold(issueNumber(op.issue, numbers));
      if (error instanceof UnlinkedChildError) {
        // The issue exists: its create is done. Its link is refused, or stops the run, on its own.
        result.applied.push({ op, number: error.created.number, unlinked: true });
        onProgress?.(op, index + 1, operations.length);
        if (isRefusal(error.cause) || error.cause instanceof NotCreatedError) {
          result.refused.push({ op: error.link, message: describeError(error.cause) });
          continue;
        }
        const waitMs = rateLimitWaitMs(error.cause, Date.now()) ?? undefined;
        return withBoardNotes(
          { ...result, failure: { op: error.link, message: describeError(error.cause), waitMs } },
          board,
        );
      }
      if (isRefusal(error) || error instanceof NotCreatedError || error instanceof BoardSkipError) {
        result.refused.push({ op, message: describeError(error) });
        onProgress?.(op, index + 1, operations.length);
        continue;
      }
      const waitMs = rateLimitWaitMs(error, Date.now()) ?? undefined;
      return withBoardNotes({ ...result, failure: { op, message: describeError(error), waitMs } }, board);
    }
  }
  return withBoardNotes(result, board);
}

function withBoardNotes(result: ApplyResult, board: BoardWrites): ApplyResult {
  for (const line of board.notes()) if (!result.notes!.includes(line)) result.notes!.push(line);
  return result;
}

/** The update with its marker's board record kept when its card did not take every write (apply-board.ts); null for nothing to send. */
function keepBoardRecord(
  op: Extract<Operation, { kind: "update-issue" }>,
  board: BoardWrites,
  numbers: Numbers,
): Operation | null {
  const number = issueNumber(op.issue, numbers);
  return number === undefined ? op : board.keepRecord(op, number);
}

/** The issue's number when it exists (listed, or created earlier in this sync). */
function issueNumber(ref: IssueRef, numbers: Numbers): number | undefined {
  return "number" in ref ? ref.number : numbers.issues.get(ref.taskId);
}

/** An operation on an issue whose create was refused earlier in this sync. */
class NotCreatedError extends Error {
  constructor(taskId: string) {
    super(`the issue for ${taskId} was not created, so this change waits for the next sync`);
  }
}

interface Numbers {
  milestones: Map<string, number>;
  /** Issues created in this sync, by task key. */
  issues: Map<string, number>;
  /** GitHub's id of each issue, by number: the link endpoints take ids. */
  ids: Map<number, number>;
  /** GraphQL node ids, which creates through GraphQL name. */
  nodes: NodeIds;
  /** The owner's issue types by name (createIssue's `issueTypeId`), and the check run's lines about them. */
  issueTypes?: RemoteState["issueTypes"];
  notes: string[];
  /** Tasks whose issue this sync created without the type GitHub refused: their later bodies record none. */
  untyped: Set<string>;
  /** Issues' node ids and cards' item ids, which board writes name. */
  cards: BoardCards;
}

async function applyOne(octokit: Octokit, repo: RepoRef, op: Operation, numbers: Numbers): Promise<number | undefined> {
  switch (op.kind) {
    case "create-label":
      numbers.nodes.knowLabel(op.name, await createLabel(octokit, repo, op));
      return undefined;
    case "create-milestone": {
      const { number, nodeId } = await sendOnce<{ number: number; nodeId?: string }>(
        async () => {
          const { data } = await octokit.rest.issues.createMilestone({
            ...repo,
            title: op.title,
            state: op.state,
            description: op.description,
            ...(op.dueOn !== null && { due_on: dueOn(op.dueOn) }),
          });
          return { number: data.number, nodeId: data.node_id };
        },
        async () => {
          const number = await findMilestone(octokit, repo, op.title);
          return number === null ? null : { number };
        },
      );
      numbers.milestones.set(op.title, number);
      numbers.nodes.knowMilestone(number, nodeId);
      return number;
    }
    case "update-milestone": {
      const changes = {
        // GitHub clears the date on null, though its description (and so octokit's types) says string.
        ...(op.dueOn !== undefined && { due_on: (op.dueOn === null ? null : dueOn(op.dueOn)) as string }),
        ...(op.state && { state: op.state }),
        ...(op.description !== undefined && { description: op.description }),
      };
      await octokit.rest.issues.updateMilestone({ ...repo, milestone_number: op.number, ...changes });
      return op.number;
    }
    case "create-issue": {
      const known = { resolve: (ref: IssueRef) => resolve(ref, numbers), ids: numbers.ids };
      const created = await createIssue(octokit, repo, op, {
        nodes: numbers.nodes,
        milestone: op.milestone === null ? undefined : numbers.milestones.get(op.milestone),
        resolve: known.resolve,
        created: ({ number, id, nodeId }) => {
          numbers.issues.set(op.taskId, number);
          numbers.ids.set(number, id);
          numbers.nodes.knowIssue(number, nodeId);
          numbers.cards.knowIssue(number, nodeId);
        },
        link: (link) => applyLink(octokit, repo, link, known),
        issueTypes: numbers.issueTypes ?? null,
        noted: (line) => note(numbers, line),
        untyped: () => numbers.untyped.add(op.taskId),
      });
      return created.number;
    }
    case "update-issue":
      return updateIssue(octokit, repo, op, numbers);
    case "add-project-item": {
      const number = resolve(op.issue, numbers);
      await addProjectItem(octokit, repo, op, number, numbers.cards);
      return number;
    }
    case "set-project-field": {
      const number = resolve(op.issue, numbers);
      await setProjectField(octokit, repo, op, number, numbers.cards);
      return number;
    }
    case "order-sub-issues": {
      // A child whose create was refused earlier in this sync is left out, and the rest are put
      // in order now: the parent's marker records the doc's order already, so a reorder refused
      // whole would leave them out of place for good. The missing child, created by a later
      // sync, is appended; that sync reorders when it lands out of place (reconcile-sub-issues.ts).
      const children = op.children.filter((ref) => "number" in ref || numbers.issues.has(ref.taskId));
      return applyLink(
        octokit,
        repo,
        { ...op, children },
        { resolve: (ref) => resolve(ref, numbers), ids: numbers.ids },
      );
    }
    case "link-sub-issue":
    case "unlink-sub-issue":
    case "set-blocked-by":
      return applyLink(octokit, repo, op, { resolve: (ref) => resolve(ref, numbers), ids: numbers.ids });
    case "comment": {
      const issue_number = resolve(op.issue, numbers);
      const body = fitText(op.body, GITHUB_LIMITS.comment);
      // A comment goes with a change it explains (a close, a label), sent before it: when that
      // change failed, the retry or a rerun plans both again. One read per comment (they are rare)
      // keeps the comment single, whoever sent it first.
      if ((await findComment(octokit, repo, issue_number, body)) !== null) return issue_number;
      await sendOnce(
        async () => (await octokit.rest.issues.createComment({ ...repo, issue_number, body })).data.id,
        () => findComment(octokit, repo, issue_number, body),
      );
      return issue_number;
    }
  }
}

/**
 * Sends only what the sync changes. A marker-only body is put into the issue's body as it is now
 * (one re-read), so a human's edit since the sync read it survives; labels and assignees go
 * through the add and remove endpoints, never as a whole set. Nothing changed, nothing sent.
 */
async function updateIssue(
  octokit: Octokit,
  repo: RepoRef,
  op: Extract<Operation, { kind: "update-issue" }>,
  numbers: Numbers,
): Promise<number> {
  const issue_number = resolve(op.issue, numbers);
  const milestone =
    op.milestone === undefined ? undefined : op.milestone === null ? null : numbers.milestones.get(op.milestone);
  const rendered = op.marker ? await bodyWithMarker(octokit, repo, issue_number, op.marker) : op.body;
  // An issue made without its refused type earlier in this sync has agreed on none.
  const body = rendered !== undefined && numbers.untyped.has(op.taskId) ? recordingType(rendered, undefined) : rendered;
  const fields = {
    ...(op.title !== undefined && { title: op.title }),
    ...(body !== undefined && { body }),
    ...(milestone !== undefined && { milestone }),
    ...(op.state !== undefined && { state: op.state }),
    ...(op.stateReason !== undefined && { state_reason: op.stateReason }),
  };
  if (op.type !== undefined) await updateWithType(octokit, repo, issue_number, fields, op.type, numbers);
  else if (Object.keys(fields).length > 0) await octokit.rest.issues.update({ ...repo, issue_number, ...fields });
  if (op.labels?.add.length) await octokit.rest.issues.addLabels({ ...repo, issue_number, labels: op.labels.add });
  for (const name of op.labels?.remove ?? []) await removeLabel(octokit, repo, issue_number, name);
  if (op.assignees?.add.length)
    await octokit.rest.issues.addAssignees({ ...repo, issue_number, assignees: op.assignees.add });
  if (op.assignees?.remove.length)
    await octokit.rest.issues.removeAssignees({ ...repo, issue_number, assignees: op.assignees.remove });
  return issue_number;
}

/**
 * The type travels in the same PATCH as the issue's other changes. A type GitHub does not know
 * (the organisation deleted it since the sync read its types) must not cost the other changes:
 * they are sent again without it, and the check run says so once. The body sent again records
 * the type agreed before (read from the issue's marker: one read, only on a refusal), not the
 * refused one, so a later sync still sets it once the organisation has it.
 */
async function updateWithType(
  octokit: Octokit,
  repo: RepoRef,
  issue_number: number,
  fields: Record<string, unknown>,
  type: string | null,
  numbers: Numbers,
): Promise<void> {
  try {
    await octokit.rest.issues.update({ ...repo, issue_number, ...fields, type });
  } catch (error) {
    if (!isUnknownIssueType(error)) throw error;
    note(numbers, unknownTypeNote(repo, type));
    if (typeof fields.body === "string")
      fields = { ...fields, body: await agreedTypeKept(octokit, repo, issue_number, fields.body) };
    if (Object.keys(fields).length > 0) await octokit.rest.issues.update({ ...repo, issue_number, ...fields });
  }
}

/** The body with its marker's type record as the issue's current marker has it (none when it has none). */
async function agreedTypeKept(octokit: Octokit, repo: RepoRef, issue_number: number, body: string): Promise<string> {
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number });
  return recordingType(body, readMarker(data.body)?.type);
}

function note(numbers: Numbers, line: string): void {
  if (!numbers.notes.includes(line)) numbers.notes.push(line);
}

/** A label someone already took off is what we wanted anyway (GitHub answers 404). */
async function removeLabel(octokit: Octokit, repo: RepoRef, issue_number: number, name: string): Promise<void> {
  try {
    await octokit.rest.issues.removeLabel({ ...repo, issue_number, name });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/**
 * A label that already exists (created by a human or a concurrent sync) is what we wanted anyway.
 * Returns the new label's node id, which a create through GraphQL names.
 */
async function createLabel(
  octokit: Octokit,
  repo: RepoRef,
  op: Extract<Operation, { kind: "create-label" }>,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.issues.createLabel({
      ...repo,
      name: op.name,
      color: op.color,
      description: op.description,
    });
    return data.node_id;
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    return undefined;
  }
}

function resolve(ref: IssueRef, numbers: Numbers): number {
  if ("number" in ref) return ref.number;
  const number = numbers.issues.get(ref.taskId);
  if (number === undefined) throw new NotCreatedError(ref.taskId);
  return number;
}

/**
 * GitHub keeps due dates as Pacific calendar dates: midnight UTC would land on the day before,
 * so the date is sent at noon UTC, which is inside the same day in Pacific time.
 */
function dueOn(date: string): string {
  return `${date}T12:00:00Z`;
}

async function findMilestone(octokit: Octokit, repo: RepoRef, title: string): Promise<number | null> {
  const all = await octokit.paginate(octokit.rest.issues.listMilestones, { ...repo, state: "all", per_page: 100 });
  return all.find((m) => m.title === title)?.number ?? null;
}

async function findComment(octokit: Octokit, repo: RepoRef, issue_number: number, body: string) {
  const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number, per_page: 100 });
  return all.find((c) => c.body === body)?.id ?? null;
}
