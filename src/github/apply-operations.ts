import { readMarker } from "../sync/marker.js";
import { bodyWithMarker } from "./body-with-marker.js";
import type { IssueRef, Marker, Operation, RemoteIssue, RemoteMilestone } from "../sync/sync-types.js";
import { applyLink } from "./apply-links.js";
import { MANAGED_LABEL } from "../sync/desired-issue.js";
import { fitText, GITHUB_LIMITS } from "../sync/github-limits.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";
import { describeError, isRefusal, rateLimitWaitMs, sendOnce, statusOf } from "./write-policy.js";

export interface Applied {
  op: Operation;
  /** The issue or milestone number the operation touched. */
  number?: number;
}

export interface Refused {
  op: Operation;
  message: string;
}

export interface ApplyResult {
  applied: Applied[];
  /** Operations GitHub refused (a 422, a deleted issue): skipped and reported, the rest went on. */
  refused: Refused[];
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
  remote: { milestones: readonly RemoteMilestone[]; issues: readonly RemoteIssue[] },
  onProgress?: ApplyProgress,
): Promise<ApplyResult> {
  const numbers: Numbers = {
    milestones: new Map(remote.milestones.map((m) => [m.title, m.number])),
    issues: new Map<string, number>(),
    ids: new Map(remote.issues.map((i) => [i.number, i.id])),
  };
  const result: ApplyResult = { applied: [], refused: [] };
  for (const [index, op] of operations.entries()) {
    try {
      result.applied.push({ op, number: await applyOne(octokit, repo, op, numbers) });
      onProgress?.(op, index + 1, operations.length);
    } catch (error) {
      if (isRefusal(error) || error instanceof NotCreatedError) {
        result.refused.push({ op, message: describeError(error) });
        onProgress?.(op, index + 1, operations.length);
        continue;
      }
      const waitMs = rateLimitWaitMs(error, Date.now()) ?? undefined;
      return { ...result, failure: { op, message: describeError(error), waitMs } };
    }
  }
  return result;
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
}

async function applyOne(octokit: Octokit, repo: RepoRef, op: Operation, numbers: Numbers): Promise<number | undefined> {
  switch (op.kind) {
    case "create-label":
      return createLabel(octokit, repo, op);
    case "create-milestone": {
      const number = await sendOnce(
        async () =>
          (
            await octokit.rest.issues.createMilestone({
              ...repo,
              title: op.title,
              state: op.state,
              description: op.description,
              ...(op.dueOn !== null && { due_on: dueOn(op.dueOn) }),
            })
          ).data.number,
        () => findMilestone(octokit, repo, op.title),
      );
      numbers.milestones.set(op.title, number);
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
      const milestone = op.milestone === null ? undefined : numbers.milestones.get(op.milestone);
      const { number, id } = await sendOnce(
        async () => {
          const { data } = await octokit.rest.issues.create({
            ...repo,
            title: op.title,
            body: op.body,
            labels: op.labels,
            ...(milestone !== undefined && { milestone }),
            ...(op.assignees.length > 0 && { assignees: op.assignees }),
          });
          return { number: data.number, id: data.id };
        },
        () => findCreatedIssue(octokit, repo, op.body),
      );
      numbers.issues.set(op.taskId, number);
      numbers.ids.set(number, id);
      return number;
    }
    case "update-issue":
      return updateIssue(octokit, repo, op, numbers);
    case "link-sub-issue":
    case "unlink-sub-issue":
    case "order-sub-issues":
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
  const body = op.marker ? await bodyWithMarker(octokit, repo, issue_number, op.marker) : op.body;
  const fields = {
    ...(op.title !== undefined && { title: op.title }),
    ...(body !== undefined && { body }),
    ...(milestone !== undefined && { milestone }),
    ...(op.state !== undefined && { state: op.state }),
    ...(op.stateReason !== undefined && { state_reason: op.stateReason }),
  };
  if (Object.keys(fields).length > 0) await octokit.rest.issues.update({ ...repo, issue_number, ...fields });
  if (op.labels?.add.length) await octokit.rest.issues.addLabels({ ...repo, issue_number, labels: op.labels.add });
  for (const name of op.labels?.remove ?? []) await removeLabel(octokit, repo, issue_number, name);
  if (op.assignees?.add.length)
    await octokit.rest.issues.addAssignees({ ...repo, issue_number, assignees: op.assignees.add });
  if (op.assignees?.remove.length)
    await octokit.rest.issues.removeAssignees({ ...repo, issue_number, assignees: op.assignees.remove });
  return issue_number;
}

/** A label someone already took off is what we wanted anyway (GitHub answers 404). */
async function removeLabel(octokit: Octokit, repo: RepoRef, issue_number: number, name: string): Promise<void> {
  try {
    await octokit.rest.issues.removeLabel({ ...repo, issue_number, name });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** A label that already exists (created by a human or a concurrent sync) is what we wanted anyway. */
async function createLabel(octokit: Octokit, repo: RepoRef, op: Extract<Operation, { kind: "create-label" }>) {
  try {
    await octokit.rest.issues.createLabel({ ...repo, name: op.name, color: op.color, description: op.description });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
  }
  return undefined;
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

/** After an uncertain create: the newest managed issues, looked through for the marker the create carried. */
async function findCreatedIssue(
  octokit: Octokit,
  repo: RepoRef,
  sentBody: string,
): Promise<{ number: number; id: number } | null> {
  const sent = readMarker(sentBody);
  if (!sent) return null;
  const { data } = await octokit.rest.issues.listForRepo({
    ...repo,
    labels: MANAGED_LABEL,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 30,
  });
  const found = data.find((issue) => !issue.pull_request && sameTask(readMarker(issue.body), sent));
  return found ? { number: found.number, id: found.id } : null;
}

/** Same ID in the same scope (an absent scope is the repository's). */
function sameTask(found: Marker | null, sent: Marker): boolean {
  return found !== null && found.id === sent.id && (found.scope ?? null) === (sent.scope ?? null);
}

async function findMilestone(octokit: Octokit, repo: RepoRef, title: string): Promise<number | null> {
  const all = await octokit.paginate(octokit.rest.issues.listMilestones, { ...repo, state: "all", per_page: 100 });
  return all.find((m) => m.title === title)?.number ?? null;
}

async function findComment(octokit: Octokit, repo: RepoRef, issue_number: number, body: string) {
  const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number, per_page: 100 });
  return all.find((c) => c.body === body)?.id ?? null;
}
