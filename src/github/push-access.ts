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

/** GitHub's repository roles that may close and reopen issues: triage and above. */
const CLOSE = new Set(["triage", "write", "maintain", "admin"]);

/**
 * Whether a login may close and reopen the repository's issues (triage or higher), asked once per
 * login for as long as the returned function lives (one job). `trusted` logins (plansync's own
 * identity) are not asked. A 404 (not a collaborator, a deleted account, another app's bot) is
 * "may not"; any other failure is thrown, so the job is tried again rather than guessing.
 */
export function closeAccess(
  octokit: Octokit,
  repo: RepoRef,
  trusted: Iterable<string>,
): (login: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>([...trusted].map((l) => [l.toLowerCase(), Promise.resolve(true)]));
  known.set(ACTIONS_BOT, Promise.resolve(true));
  const ask = async (username: string) => {
    try {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
      return CLOSE.has(data.role_name ?? "") || PUSH.has(data.permission);
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };
  return (login) => {
    const username = login.toLowerCase();
    let answer = known.get(username);
    if (!answer) {
      answer = ask(username);
      // A failure is not remembered: the job fails, and its retry asks again.
      answer.catch(() => known.delete(username));
      known.set(username, answer);
    }
    return answer;
  };
}
