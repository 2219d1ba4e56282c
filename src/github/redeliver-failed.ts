import type { Logger } from "probot";
import { deliveriesToRedeliver, REDELIVERY_WINDOW_MS, type DeliveryAttempt } from "../jobs/missed-deliveries.js";
import type { Octokit } from "./octokit.js";

export interface RedeliverDeps {
  now: number;
  lookbackMs: number;
  /** True the first time any instance claims `name` within `ttlMs`. */
  claimOnce: (name: string, ttlMs: number) => Promise<boolean>;
  log: Logger;
}

/**
 * Asks GitHub to redeliver the webhooks that failed while the app was down or failing. Reads
 * the app's delivery log newest first, 100 at a time, only as far back as asked; redeliveries
 * go one at a time. Needs the app's JWT client (`app.auth()`), not an installation's.
 */
export async function redeliverFailed(octokit: Octokit, deps: RedeliverDeps): Promise<number> {
  const attempts = await recentDeliveries(octokit, deps.now - Math.min(deps.lookbackMs, REDELIVERY_WINDOW_MS));
  let sent = 0;
  for (const attempt of deliveriesToRedeliver(attempts, deps.now, deps.lookbackMs)) {
    // GitHub may list the new attempt only later; the claim keeps another run from sending it twice.
    if (!(await deps.claimOnce(`redelivered:${attempt.guid}`, REDELIVERY_WINDOW_MS))) continue;
    await octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: attempt.id });
    sent++;
  }
  if (sent > 0) deps.log.info({ redelivered: sent, listed: attempts.length }, "Redelivered failed webhooks");
  return sent;
}

async function recentDeliveries(octokit: Octokit, since: number): Promise<DeliveryAttempt[]> {
  const attempts: DeliveryAttempt[] = [];
  for await (const { data } of octokit.paginate.iterator(octokit.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
    attempts.push(...data);
    const oldest = data.at(-1);
    if (!oldest || Date.parse(oldest.delivered_at) < since) break;
  }
  return attempts;
}
