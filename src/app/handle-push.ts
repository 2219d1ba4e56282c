import type { Context } from "probot";
import { CONFIG_PATH } from "../github/load-config.js";
import type { AppServices } from "./app-services.js";

/** GitHub lists at most this many commits in a push payload; a longer push is scanned whole. */
const LISTED_COMMITS = 20;
const MARKDOWN = /\.(md|markdown)$/i;

/**
 * A push that touches no markdown and not the config costs nothing: not even a job. The rest is
 * queued as plain work; the job reads the config and decides whether the branch and files count.
 */
export async function handlePush(context: Context<"push">, services: AppServices): Promise<void> {
  const payload = context.payload;
  if (payload.deleted || !payload.ref.startsWith("refs/heads/") || !payload.installation) return;
  const commits = (payload.commits ?? []).map(({ added, modified, removed }) => ({ added, modified, removed }));
  const touched = commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
  const configChanged = touched.includes(CONFIG_PATH);
  const incomplete = payload.forced || commits.length >= LISTED_COMMITS;
  if (!configChanged && !incomplete && !touched.some((path) => MARKDOWN.test(path))) return;
  const { owner, repo } = context.repo();
  await services.enqueue({
    kind: "sync",
    installationId: payload.installation.id,
    owner,
    repo,
    branch: payload.ref.slice("refs/heads/".length),
    commits: configChanged || incomplete ? null : commits,
    after: payload.after,
    defaultBranch: payload.repository.default_branch,
    htmlUrl: payload.repository.html_url,
  });
}
