import type { Probot } from "probot";
import { appCreator } from "../github/creator-login.js";
import type { Octokit } from "../github/octokit.js";

/**
 * The app's bot login (`<slug>[bot]`), read once per process with the app's JWT. Managed issues
 * are also listed by this creator, which no human can change: an issue whose `plansync` label was
 * removed, or a repository whose label was deleted, is still found, so nothing is recreated.
 * Null when GitHub does not answer: the label alone is used, and the next job asks again.
 */
export function botLogin(app: Probot): () => Promise<string | null> {
  let login: Promise<string | null> | undefined;
  return () => {
    login ??= app
      .auth()
      .then((octokit) => appCreator(octokit as Octokit))
      .catch((error: unknown) => {
        app.log.warn({ err: error }, "Could not read the app's own login; listing managed issues by label only");
        login = undefined;
        return null;
      });
    return login;
  };
}
