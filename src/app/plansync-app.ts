import type { Probot } from "probot";

/** The Probot app: webhook handlers are thin wrappers around the pure core in src/plan and src/sync. */
export function plansyncApp(app: Probot): void {
  app.log.info("plansync loaded");
}
