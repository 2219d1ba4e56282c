import { createHmac } from "node:crypto";
import type { DeliveryRecord } from "./routes-app.js";

/**
 * POSTs a delivery the way GitHub does (signed, with its guid), and records the answer on it.
 * Given several URLs it acts as the load balancer in front of a multi-instance app: an instance
 * that refuses the connection is skipped, and the first one that answers decides the status.
 */
export async function sendWebhook(
  urls: string | readonly string[],
  secret: string,
  attempt: DeliveryRecord,
): Promise<void> {
  const body = JSON.stringify(attempt.payload);
  const started = Date.now();
  let failure = "no instance to send to";
  for (const url of typeof urls === "string" ? [urls] : urls) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": attempt.event,
          "x-github-delivery": attempt.guid,
          "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      attempt.status_code = response.status;
      attempt.status = response.ok ? "OK" : `Invalid HTTP Response: ${response.status}`;
      attempt.duration = (Date.now() - started) / 1000;
      return;
    } catch (error) {
      failure = String(error);
    }
  }
  attempt.status_code = 0;
  attempt.status = `Failed to connect to host: ${failure}`;
  attempt.duration = (Date.now() - started) / 1000;
}
