import type { Operation } from "../sync/sync-types.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";

/**
 * Keeps only assignees GitHub would accept (one check per handle per sync); the others become
 * warnings, never failures: a typo in a doc must not stop the sync.
 */
export async function validateAssignees(
  octokit: Octokit,
  repo: RepoRef,
  operations: Operation[],
  alreadyAssigned: Iterable<string>,
) {
  // Someone assigned on a managed issue is assignable: no need to ask GitHub again.
  const verdicts = new Map<string, boolean>([...alreadyAssigned].map((login) => [login, true]));
  const notes: string[] = [];
  for (const op of operations) {
    if (op.kind !== "create-issue" && op.kind !== "update-issue") continue;
    const logins = op.kind === "create-issue" ? op.assignees : op.assignees?.add;
    if (!logins?.length) continue;
    const kept: string[] = [];
    for (const login of logins) {
      if (!verdicts.has(login)) verdicts.set(login, await canBeAssigned(octokit, repo, login));
      if (verdicts.get(login)) kept.push(login);
      else
        notes.push(
          `${op.taskId}: @\u200B${login} cannot be assigned in this repository, so the issue was left without them.`,
        );
    }
    if (op.kind === "create-issue") op.assignees = kept;
    else if (op.assignees) op.assignees = { ...op.assignees, add: kept };
  }
  return [...new Set(notes)];
}

async function canBeAssigned(octokit: Octokit, repo: RepoRef, assignee: string): Promise<boolean> {
  try {
    await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
