import { isForkPull } from "../jobs/work.js";
import type { Context } from "probot";
import type { AppServices } from "./app-services.js";

/** The actions that change what a pull request would merge, or bring it back into view. */
export const PREVIEW_ACTIONS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

/**
 * Queues a preview of the pull request's head. Whether it touches plan files, and whether it
 * targets the synced branch, needs the file list and the config: the job reads them.
 */
export async function handlePullRequest(
  context: Context<(typeof PREVIEW_ACTIONS)[number]>,
  services: AppServices,
): Promise<void> {
  const { payload } = context;
  if (!payload.installation || payload.pull_request.state !== "open") return;
  const { owner, repo } = context.repo();
  await services.enqueue({
    kind: "preview",
    installationId: payload.installation.id,
    owner,
    repo,
    pull: {
      number: payload.pull_request.number,
      headSha: payload.pull_request.head.sha,
      baseRef: payload.pull_request.base.ref,
      fork: isForkPull(payload.pull_request),
    },
    defaultBranch: payload.repository.default_branch,
    htmlUrl: payload.repository.html_url,
  });
}
