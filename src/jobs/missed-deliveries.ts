/** A webhook delivery attempt as `GET /app/hook/deliveries` lists it (the fields decided on). */
export interface DeliveryAttempt {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
}

/** GitHub redelivers attempts of the past 3 days; a margin keeps a request from landing just past it. */
export const REDELIVERY_WINDOW_MS = 3 * 24 * 3600 * 1000 - 10 * 60 * 1000;

/**
 * Pure: which failed deliveries to redeliver, one attempt per event (guid). An event is left
 * alone when any attempt succeeded, or when one was already a redelivery (by this app on any
 * instance, or by a person): each failed event is redelivered once, never in a loop.
 */
export function deliveriesToRedeliver(
  attempts: readonly DeliveryAttempt[],
  now: number,
  lookbackMs = REDELIVERY_WINDOW_MS,
): DeliveryAttempt[] {
  const since = now - Math.min(lookbackMs, REDELIVERY_WINDOW_MS);
  const byEvent = new Map<string, DeliveryAttempt[]>();
  for (const attempt of attempts) byEvent.set(attempt.guid, [...(byEvent.get(attempt.guid) ?? []), attempt]);
  const chosen: DeliveryAttempt[] = [];
  for (const tries of byEvent.values()) {
    if (tries.some((t) => succeeded(t) || t.redelivery)) continue;
    const latest = tries.reduce((a, b) => (b.id > a.id ? b : a));
    if (Date.parse(latest.delivered_at) >= since) chosen.push(latest);
  }
  return chosen.sort((a, b) => a.id - b.id);
}

function succeeded(attempt: DeliveryAttempt): boolean {
  return attempt.status_code >= 200 && attempt.status_code < 300;
}
