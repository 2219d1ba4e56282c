import type { PushCommit } from "../sync/plan-paths.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";

interface FileEntry {
  filename: string;
  status: string;
  previous_filename?: string;
}

/** GitHub lists at most this many files in a comparison; past it the list is cut. */
const COMPARE_FILE_CAP = 300;
const NO_COMMIT = /^0+$/;

/** A pull request's files, 100 a page, as one commit's lists. */
export async function pullRequestFiles(octokit: Octokit, repo: RepoRef, pull_number: number): Promise<PushCommit[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number, per_page: 100 });
  return [asCommit(files)];
}

/**
 * What a push changed, for the Action, whose push payload lists no files: one compare request.
 * Null, meaning "read every plan file", for a new branch (no `before`), a `before` gone after a
 * force-push, or a comparison GitHub cut short.
 */
export async function pushedFiles(
  octokit: Octokit,
  repo: RepoRef,
  before: string,
  after: string,
): Promise<PushCommit[] | null> {
  if (NO_COMMIT.test(before)) return null;
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${before}...${after}` });
    const files = data.files ?? [];
    return files.length >= COMPARE_FILE_CAP ? null : [asCommit(files)];
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** A rename is its old path removed and its new one added. */
function asCommit(files: readonly FileEntry[]): PushCommit {
  const commit = { added: [] as string[], modified: [] as string[], removed: [] as string[] };
  for (const file of files) {
    if (file.status === "removed") commit.removed.push(file.filename);
    else commit.modified.push(file.filename);
    if (file.previous_filename) commit.removed.push(file.previous_filename);
  }
  return commit;
}
