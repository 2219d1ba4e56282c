import { run } from "probot";
import { plansyncApp } from "./app/plansync-app.js";
import { PlansyncOctokit } from "./github/plansync-octokit.js";

/**
 * `npm start`. Without APP_ID, PRIVATE_KEY and WEBHOOK_SECRET, Probot serves its setup page,
 * which registers the app on GitHub from app.yml; with them it serves webhooks.
 */
await run(plansyncApp, { Octokit: PlansyncOctokit });
