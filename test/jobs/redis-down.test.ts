import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { RedisBackend } from "../../src/jobs/redis-backend.js";
import { recordingHandler, syncWork } from "./backends.js";

/** A loopback port with nothing listening: Redis is down. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("the Redis backend while Redis is down", () => {
  it("refuses a job within 5 s, so the webhook fails and is redelivered later, and says why", async () => {
    const errors: Error[] = [];
    const backend = new RedisBackend({
      url: `redis://127.0.0.1:${await closedPort()}`,
      handler: recordingHandler().handler,
      onOutcome: () => undefined,
      onConnectionError: (error) => errors.push(error),
      concurrency: 1,
      attempts: 1,
      backoffMs: 10,
      leaseMs: 1_000,
    });
    const started = Date.now();
    await expect(backend.enqueue(syncWork("one", "plan.md"))).rejects.toThrow(
      "Redis, asked to queue a job, did not answer within 5000 ms",
    );
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(errors.length).toBeGreaterThan(0);
    await expect(Promise.race([backend.depth(), new Promise((r) => setTimeout(() => r("hung"), 500))])).resolves.toBe(
      "hung",
    );
    for (const connection of (backend as unknown as { connections: { disconnect(): void }[] }).connections)
      connection.disconnect();
  });
});
