import type { IssueRef, Operation, RemoteMilestone } from "../sync/sync-types.js";
import type { Octokit, RepoRef } from "./octokit.js";

export interface Applied {
  op: Operation;
  /** The issue or milestone number the operation touched. */
  number?: number;
}

export interface ApplyResult {
  applied: Applied[];
  /** The operation GitHub refused, and why; everything after it was not attempted. */
  failure?: { op: Operation; message: string };
}

/**
 * Runs the operations one after another, never in parallel: GitHub's secondary limits punish
 * concurrent writes, and later operations use numbers that earlier ones create. A failure stops
 * the run; the next sync resumes from GitHub's state, so nothing is duplicated.
 */
export async function applyOperations(
  octokit: Octokit,
  repo: RepoRef,
  operations: readonly Operation[],
  milestones: readonly RemoteMilestone[],
): Promise<ApplyResult> {
  const numbers = {
    milestones: new Map(milestones.map((m) => [m.title, m.number])),
    issues: new Map<string, number>(),
  };
  const applied: Applied[] = [];
  for (const op of operations) {
    try {
      applied.push({ op, number: await applyOne(octokit, repo, op, numbers) });
    } catch (error) {
      return { applied, failure: { op, message: describeError(error) } };
    }
  }
  return { applied };
}

interface Numbers {
  milestones: Map<string, number>;
  issues: Map<string, number>;
}

async function applyOne(octokit: Octokit, repo: RepoRef, op: Operation, numbers: Numbers): Promise<number | undefined> {
  switch (op.kind) {
    case "create-label":
      return createLabel(octokit, repo, op);
    case "create-milestone": {
      const { data } = await octokit.rest.issues.createMilestone({
        ...repo,
        title: op.title,
        state: op.state,
        ...dueOn(op.dueOn),
      });
      numbers.milestones.set(op.title, data.number);
      return data.number;
    }
    case "update-milestone": {
      const changes = { ...(op.dueOn !== undefined && dueOn(op.dueOn)), ...(op.state && { state: op.state }) };
      await octokit.rest.issues.updateMilestone({ ...repo, milestone_number: op.number, ...changes });
      return op.number;
    }
    case "create-issue": {
      const milestone = op.milestone === null ? undefined : numbers.milestones.get(op.milestone);
      const { data } = await octokit.rest.issues.create({
        ...repo,
        title: op.title,
        body: op.body,
        labels: op.labels,
        ...(milestone !== undefined && { milestone }),
        ...(op.assignees.length > 0 && { assignees: op.assignees }),
      });
      numbers.issues.set(op.taskId, data.number);
      return data.number;
    }
    case "update-issue":
      return updateIssue(octokit, repo, op, numbers);
    case "comment": {
      const issue_number = resolve(op.issue, numbers);
      await octokit.rest.issues.createComment({ ...repo, issue_number, body: op.body });
      return issue_number;
    }
  }
}

async function updateIssue(
  octokit: Octokit,
  repo: RepoRef,
  op: Extract<Operation, { kind: "update-issue" }>,
  numbers: Numbers,
): Promise<number> {
  const issue_number = resolve(op.issue, numbers);
  const milestone =
    op.milestone === undefined ? undefined : op.milestone === null ? null : numbers.milestones.get(op.milestone);
  await octokit.rest.issues.update({
    ...repo,
    issue_number,
    ...(op.title !== undefined && { title: op.title }),
    ...(op.body !== undefined && { body: op.body }),
    ...(op.labels !== undefined && { labels: op.labels }),
    ...(milestone !== undefined && { milestone }),
    ...(op.assignees !== undefined && { assignees: op.assignees }),
    ...(op.state !== undefined && { state: op.state }),
    ...(op.stateReason !== undefined && { state_reason: op.stateReason }),
  });
  return issue_number;
}

/** A label that already exists (created by a human or a concurrent sync) is what we wanted anyway. */
async function createLabel(octokit: Octokit, repo: RepoRef, op: Extract<Operation, { kind: "create-label" }>) {
  try {
    await octokit.rest.issues.createLabel({ ...repo, name: op.name, color: op.color, description: op.description });
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
  }
  return undefined;
}

function resolve(ref: IssueRef, numbers: Numbers): number {
  if ("number" in ref) return ref.number;
  const number = numbers.issues.get(ref.taskId);
  if (number === undefined) throw new Error(`The issue for ${ref.taskId} was not created earlier in this sync.`);
  return number;
}

/**
 * GitHub keeps due dates as Pacific calendar dates: midnight UTC would land on the day before,
 * so the date is sent at noon UTC, which is inside the same day in Pacific time.
 */
function dueOn(date: string | null) {
  return { due_on: date === null ? undefined : `${date}T12:00:00Z` };
}

function describeError(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  return status ? `GitHub answered ${status}: ${message}` : message;
}
