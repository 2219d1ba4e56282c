import { ACTIONS_BOT } from "../sync/issue-ownership.js";
import type { Octokit } from "./octokit.js";

/**
 * "Who am I", for every door: the login that creates plansync's issues, by which managed issues
 * are found even without their label (issue-ownership.ts).
 */

/** The App's bot, `<slug>[bot]`, read with the app's JWT client; null when GitHub names no slug. */
export async function appCreator(appOctokit: Octokit): Promise<string | null> {
  const { data } = await appOctokit.rest.apps.getAuthenticated();
  return data?.slug ? `${data.slug}[bot]` : null;
}

/**
 * A token's user (the CLI's person, a personal token in the Action). GitHub refuses `/user` to an
 * installation or Actions token: in a workflow its issues are `github-actions[bot]`'s, elsewhere
 * the token's identity is unknown (null). One request.
 */
export async function tokenCreator(octokit: Octokit, { inWorkflow }: { inWorkflow: boolean }): Promise<string | null> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    return inWorkflow ? ACTIONS_BOT : null;
  }
}
