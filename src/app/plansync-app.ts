import type { Probot } from "probot";
import { handleInstallation } from "./handle-installation.js";
import { handlePush } from "./handle-push.js";
import { RepoQueue } from "./repo-queue.js";

export interface PlansyncAppOptions {
  /** Injected by tests, which wait for `queue.idle()`; the server makes its own. */
  queue?: RepoQueue;
}

/** The Probot app: thin handlers that queue a sync per repository and return at once. */
export function createPlansyncApp(options: PlansyncAppOptions = {}) {
  return (app: Probot): void => {
    const queue =
      options.queue ?? new RepoQueue((key, error) => app.log.error({ err: error, repo: key }, "Sync failed"));
    app.on("push", (context) => handlePush(context, queue));
    app.on(["installation.created", "installation_repositories.added"], (context) =>
      handleInstallation(context, queue),
    );
  };
}

export const plansyncApp = createPlansyncApp();
