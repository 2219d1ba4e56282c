import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";

/**
 * The commit a branch points at now, or null when the branch is gone. Syncs read the docs here,
 * never at a push's `after`: a redelivered or out-of-order push would otherwise roll issues back
 * to an older doc. One request.
 */
export async function readBranchHead(octokit: Octokit, repo: RepoRef, branch: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
