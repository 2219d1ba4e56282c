import type { Logger } from "probot";
import type { JobBackend } from "../jobs/job-backend.js";
import { integerSetting } from "./job-settings.js";

const HOUR = 3_600_000;

/**
 * App-wide jobs. Failed webhook deliveries are redelivered on start (looking back GitHub's whole
 * 3-day window) and every REDELIVER_INTERVAL_MS (looking back two intervals and an hour). Every
 * installed repository is fully synced every RECONCILE_INTERVAL_MS, daily by default on both
 * backends: in-process too, a sync that spent its attempts or a job a crash dropped is healed
 * without waiting for a push (a full sync reads little when nothing changed). 0 turns either
 * off. With Redis, the schedules are shared: each repetition runs once.
 */
export async function scheduleMaintenance(jobs: JobBackend, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const redeliverMs = integerSetting(env, "REDELIVER_INTERVAL_MS");
  const reconcileMs = integerSetting(env, "RECONCILE_INTERVAL_MS");
  // Each step on its own: a start-up enqueue that times out (Redis slow to answer) must not
  // leave the schedules unset until the next restart. The first failure is reported.
  const steps = await Promise.allSettled([
    redeliverMs > 0 ? jobs.enqueue({ kind: "redeliver" }) : Promise.resolve(),
    jobs.every({ kind: "redeliver", lookbackMs: 2 * redeliverMs + HOUR }, redeliverMs),
    jobs.every({ kind: "reconcile" }, reconcileMs),
  ]);
  const failed = steps.find((step) => step.status === "rejected");
  if (failed) throw failed.reason;
}

/** Schedules maintenance without holding up the caller; a failure is logged, and webhooks are still served. */
export function startMaintenance(jobs: JobBackend, log: Logger | undefined): void {
  scheduleMaintenance(jobs).catch((error: unknown) =>
    log?.error({ err: error }, "Could not schedule redeliveries and reconciles; webhooks are still served"),
  );
}
