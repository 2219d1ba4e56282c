import type { Probot } from "probot";
import { handleInstallation } from "./handle-installation.js";
import { handlePush } from "./handle-push.js";
import { handleIssueEdited } from "./handle-issue-edited.js";
import { handleIssueState } from "./handle-issue-state.js";
import type { AppServices } from "./app-services.js";
import { botLogin } from "./bot-login.js";
import { RepoQueue } from "./repo-queue.js";
import { WriteBackScheduler } from "./write-back-scheduler.js";

export interface PlansyncAppOptions {
  /** Injected by tests, which wait for `queue.idle()`; the server makes its own. */
  queue?: RepoQueue;
  /** How long closes are collected before one write-back commit; default WRITE_BACK_DELAY_MS or 10 s. */
  writeBackDelayMs?: number;
  /** Receives the scheduler, so tests can wait for write-backs. */
  onScheduler?: (scheduler: WriteBackScheduler) => void;
}

const DEFAULT_WRITE_BACK_DELAY_MS = 10_000;

/** The Probot app: thin handlers that queue a sync per repository and return at once. */
export function createPlansyncApp(options: PlansyncAppOptions = {}) {
  return (app: Probot): void => {
    const queue =
      options.queue ?? new RepoQueue((key, error) => app.log.error({ err: error, repo: key }, "Sync failed"));
    const delay = options.writeBackDelayMs ?? Number(process.env.WRITE_BACK_DELAY_MS ?? DEFAULT_WRITE_BACK_DELAY_MS);
    const scheduler = new WriteBackScheduler(queue, delay);
    options.onScheduler?.(scheduler);
    const services: AppServices = { queue, scheduler, creator: botLogin(app) };
    app.on("push", (context) => handlePush(context, services));
    app.on(["issues.closed", "issues.reopened"], (context) => handleIssueState(context, services));
    app.on("issues.edited", (context) => handleIssueEdited(context, services));
    app.on(["installation.created", "installation_repositories.added"], (context) =>
      handleInstallation(context, services),
    );
  };
}

export const plansyncApp = createPlansyncApp();
