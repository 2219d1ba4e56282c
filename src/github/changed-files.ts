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
 * What changed from `from` to `head`, as one commit's lists: one compare request. Null, meaning
 * "read every plan file", when `from` is not an ancestor of `head` (a force-push rewound or
 * rewrote the branch: what it took away is in no list), is unknown to GitHub, or the comparison
 * was cut short.
 */
export async function changedSince(
  octokit: Octokit,
  repo: RepoRef,
  from: string,
  head: string,
): Promise<PushCommit[] | null> {
  if (NO_COMMIT.test(from)) return null;
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${from}...${head}` });
    // A three-dot comparison diffs from the merge base: only when that is `from` itself does it
    // list everything the sync at `from` has not seen.
    if (data.merge_base_commit.sha !== from) return null;
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
