import type { Context } from "probot";
import { pushSyncWork } from "../jobs/push-work.js";
import type { AppServices } from "./app-services.js";

/**
 * A push that touches no markdown and not the config costs nothing: not even a job. The rest is
 * queued as plain work (push-work.ts, every door's rule); the job reads the config and decides
 * whether the branch and files count.
 */
export async function handlePush(context: Context<"push">, services: AppServices): Promise<void> {
  const { payload } = context;
  if (!payload.installation) return;
  const { owner, repo } = context.repo();
  const work = pushSyncWork(payload, { installationId: payload.installation.id, owner, repo }, { listsFiles: true });
  if (work) await services.enqueue(work);
}
