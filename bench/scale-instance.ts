import { Probot, Server } from "probot";
import { createPlansyncApp } from "../src/app/plansync-app.js";
import { PlansyncOctokit } from "../src/github/plansync-octokit.js";

/**
 * One plansync instance for the scale bench: the app as `npm start` runs it, except that
 * throttling is off (the bench measures plansync, not GitHub's pacing). Configured by the
 * environment the bench sets; prints its peak RSS as a JSON line when told to stop.
 */
const env = process.env;
const Octokit = PlansyncOctokit.defaults((o: Record<string, any>) => ({
  ...o,
  throttle: { ...o.throttle, enabled: false },
}));
const server = new Server({
  host: "127.0.0.1",
  port: Number(env.PORT),
  Probot: Probot.defaults({
    appId: 1,
    privateKey: env.PRIVATE_KEY!,
    secret: env.WEBHOOK_SECRET!,
    baseUrl: `http://127.0.0.1:${env.SIM_PORT}/api/v3`,
    Octokit,
    logLevel: "warn",
  }),
});
await server.load(createPlansyncApp());
await server.start();
console.log(JSON.stringify({ ready: true }));
process.once("SIGTERM", () => {
  console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
});
