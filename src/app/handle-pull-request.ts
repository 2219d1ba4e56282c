import type { Context } from "probot";
import { PREVIEW_ACTIONS as ACTIONS, pullPreviewWork } from "../jobs/preview-work.js";
import type { AppServices } from "./app-services.js";

/** The events the App registers for previews (preview-work.ts names the actions for every door). */
export const PREVIEW_ACTIONS = ACTIONS.map((action) => `pull_request.${action}` as const);

/** Queues a preview of the pull request's head (preview-work.ts, every door's rule). */
export async function handlePullRequest(
  context: Context<(typeof PREVIEW_ACTIONS)[number]>,
  services: AppServices,
): Promise<void> {
  const { payload } = context;
  if (!payload.installation) return;
  const { owner, repo } = context.repo();
  const work = pullPreviewWork(payload, { installationId: payload.installation.id, owner, repo });
  if (work) await services.enqueue(work);
}
