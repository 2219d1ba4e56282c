import { ACTIONS_BOT } from "../sync/issue-ownership.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";

/** GitHub's `permission` values that include pushing (maintain reads as `write` there). */
const PUSH = new Set(["admin", "maintain", "write"]);

/**
 * Who among `authors` can push to the repository: one request per author, asked once per job.
 * A 404 (not a collaborator, a deleted account, another app's bot) is "cannot push". Any other
 * failure is thrown: guessing either way would hand an issue to the wrong owner.
 */
export async function pushAccess(
  octokit: Octokit,
  repo: RepoRef,
  authors: readonly string[],
): Promise<(author: string) => boolean> {
  const allowed = new Set<string>([ACTIONS_BOT]);
  for (const username of new Set(authors.map((a) => a.toLowerCase()))) {
    if (allowed.has(username)) continue;
    try {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
      if (PUSH.has(data.permission) || PUSH.has(data.role_name ?? "")) allowed.add(username);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return (author) => allowed.has(author.toLowerCase());
}
