import { createHmac, randomUUID } from "node:crypto";

/**
 * The ack-latency bench's client, in its own process: the simulator's request validation keeps
 * the bench's own event loop busy, which must not count as the app's latency. It delivers one
 * signed webhook at a time to the app and records when each was sent and how long the answer took,
 * until the parent says stop; then it sends the samples back.
 */

export interface AckJob {
  url: string;
  secret: string;
  event: string;
  payload: unknown;
  gapMs: number;
}

/** [sent at (epoch ms), answered after (ms)] */
export type AckSample = [number, number];

let stopping = false;
process.on("message", (message: { start?: AckJob; stop?: true }) => {
  if (message.start) void run(message.start);
  if (message.stop) stopping = true;
});

async function run(job: AckJob): Promise<void> {
  const body = JSON.stringify(job.payload);
  const signature = `sha256=${createHmac("sha256", job.secret).update(body).digest("hex")}`;
  const samples: AckSample[] = [];
  while (!stopping) {
    const sentAt = Date.now();
    const started = performance.now();
    const response = await fetch(job.url, {
      method: "POST",
      headers: {
        "x-github-event": job.event,
        "x-github-delivery": randomUUID(),
        "content-type": "application/json",
        "x-hub-signature-256": signature,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (response.status >= 300) throw new Error(`The webhook was answered ${response.status}`);
    samples.push([sentAt, performance.now() - started]);
    await new Promise((resolve) => setTimeout(resolve, job.gapMs));
  }
  process.send!({ samples }, () => process.exit(0));
}
