import { run, type ApplicationFunctionOptions, type Probot } from "probot";
import { drainOnSignals, type Running } from "./app/graceful-shutdown.js";
import { createPlansyncApp } from "./app/plansync-app.js";
import { PlansyncOctokit } from "./github/plansync-octokit.js";

/**
 * `npm start`. Without APP_ID, PRIVATE_KEY and WEBHOOK_SECRET, Probot serves its setup page,
 * which registers the app on GitHub from app.yml; with them it serves webhooks. SIGTERM drains
 * the queued jobs before the process exits.
 */
const running: Running = {};
const plansync = createPlansyncApp({ onStarted: (runtime) => (running.runtime = runtime) });
const app = (probot: Probot, options: ApplicationFunctionOptions) => {
  running.log = probot.log;
  return plansync(probot, options);
};
const server = await run(app, { Octokit: PlansyncOctokit });
drainOnSignals(server, running);
