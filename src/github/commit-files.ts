import type { Octokit, RepoRef } from "./octokit.js";
import { isBranchProtectionRefusal, NO_RETRY, statusOf } from "./write-policy.js";

export interface FileChange {
  path: string;
  text: string;
  /** The blob sha the change was computed from: GitHub refuses the update if the file moved on. */
  baseSha: string;
}

export interface CommitRequest {
  branch: string;
  /**
   * The commit whose files the changes were computed from. A multi-file commit is built on it
   * and only fast-forwards the branch from it: if anyone pushed since, the update is refused as
   * a conflict, and the caller re-reads. Building on a newer head would revert that push.
   */
  parent: string;
  changes: readonly FileChange[];
  message: string;
}

export type CommitResult = { ok: true; sha: string } | { ok: false; reason: "conflict" | "protected"; message: string };

/**
 * One commit on `branch`. A single file goes through the contents API (one request, guarded by
 * the file's sha); several go through the Git Data API as one commit (blobs inline in one tree,
 * a commit, a non-forced ref update guarded by the parent).
 */
export async function commitFiles(octokit: Octokit, repo: RepoRef, commit: CommitRequest): Promise<CommitResult> {
  try {
    return commit.changes.length === 1
      ? await commitOne(octokit, repo, commit)
      : await commitMany(octokit, repo, commit);
  } catch (error) {
    return classify(error);
  }
}

async function commitOne(
  octokit: Octokit,
  repo: RepoRef,
  { branch, changes, message }: CommitRequest,
): Promise<CommitResult> {
  const change = changes[0]!;
  const { data } = await octokit.rest.repos.createOrUpdateFileContents({
    ...repo,
    path: change.path,
    branch,
    message,
    sha: change.baseSha,
    content: Buffer.from(change.text, "utf8").toString("base64"),
    ...NO_RETRY,
  });
  return { ok: true, sha: data.commit.sha ?? "" };
}

async function commitMany(
  octokit: Octokit,
  repo: RepoRef,
  { branch, parent, changes, message }: CommitRequest,
): Promise<CommitResult> {
  const sha = await createCommitOn(octokit, repo, parent, changes, message);
  await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false, ...NO_RETRY });
  return { ok: true, sha };
}

/** A commit whose parent is `parent` and whose tree is the parent's with the changed files: blobs inline, one tree. */
export async function createCommitOn(
  octokit: Octokit,
  repo: RepoRef,
  parent: string,
  changes: readonly Omit<FileChange, "baseSha">[],
  message: string,
): Promise<string> {
  const { data: parentCommit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: parent });
  const { data: tree } = await octokit.rest.git.createTree({
    ...repo,
    base_tree: parentCommit.tree.sha,
    tree: changes.map((c) => ({ path: c.path, mode: "100644" as const, type: "blob" as const, content: c.text })),
  });
  const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [parent] });
  return commit.sha;
}

/**
 * GitHub's answers: a stale sha (409 on contents) or a non-fast-forward ref update (422) is a
 * conflict, to re-read; branch protection or a ruleset (write-policy.ts reads GitHub's words) is
 * the pull request's case. Anything else, a 403 included (a rate limit, a token without the
 * permission), is a failure the caller reports and retries: it says nothing about the branch.
 */
function classify(error: unknown): CommitResult {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (isBranchProtectionRefusal(error)) return { ok: false, reason: "protected", message };
  if (status === 409 || (status === 422 && /fast forward/i.test(message)))
    return { ok: false, reason: "conflict", message };
  throw error;
}
