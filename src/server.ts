import { run, type ApplicationFunctionOptions, type Probot } from "probot";
import { drainOnSignals, type Running } from "./app/graceful-shutdown.js";
import { checkSettings, parseSettings, SettingsError } from "./app/job-settings.js";
import { createPlansyncApp } from "./app/plansync-app.js";
import { startMaintenance } from "./app/schedule-maintenance.js";
import { PlansyncOctokit } from "./github/plansync-octokit.js";
import { ParsePool } from "./workers/parse-pool.js";
import { useParser } from "./workers/plan-parser.js";
import { DataDirError } from "./jobs/job-journal.js";

/**
 * `npm start`. Without APP_ID, PRIVATE_KEY and WEBHOOK_SECRET, Probot serves its setup page,
 * which registers the app on GitHub from app.yml; with them it serves webhooks. Every plan file is
 * parsed in a worker pool, with a time budget each, so one tenant's doc cannot stall the event
 * loop. SIGTERM drains the queued jobs, then ends the pool, before the process exits. A setting
 * that is set wrong stops the start (exit code 1) with what to fix.
 */
// Every setting is checked before anything starts: a wrong one stops here, saying what to fix,
// instead of failing later (a scheduler that never runs, a shutdown that drops write-backs).
try {
  checkSettings(process.env);
} catch (error) {
  stopOnSetupError(error);
}
const parsePool = new ParsePool(parseSettings());
useParser(parsePool.parse);
const running: Running = { parsePool };
// Maintenance waits for the server to listen: a redelivery asked for before then would reach a
// closed port, and an event whose redelivery failed is never redelivered again.
const plansync = createPlansyncApp({ onStarted: (runtime) => (running.runtime = runtime) });
const app = (probot: Probot, options: ApplicationFunctionOptions) => {
  running.log = probot.log;
  return plansync(probot, options);
};
const server = await run(app, { Octokit: PlansyncOctokit }).catch(stopOnSetupError);
drainOnSignals(server, running);
if (running.runtime) startMaintenance(running.runtime.jobs, running.log);

/** A setting or data directory set wrong: its message says what to fix, and a stack would bury it. */
function stopOnSetupError(error: unknown): never {
  if (!(error instanceof SettingsError || error instanceof DataDirError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
