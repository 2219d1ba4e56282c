import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { opsRoutes } from "../../src/app/ops-routes.js";
import { PlansyncMetrics } from "../../src/app/plansync-metrics.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import type { JobBackend } from "../../src/jobs/job-backend.js";

function call(handler: ReturnType<typeof opsRoutes>, url: string) {
  const sent: { status?: number; body?: string } = {};
  const res = {
    writeHead: (status: number) => (sent.status = status),
    end: (body: string) => (sent.body = body),
  } as unknown as ServerResponse;
  return handler({ method: "GET", url } as IncomingMessage, res).then((handled) => ({ handled, ...sent }));
}

const backend = (depth: JobBackend["depth"]) => ({ name: "redis", depth }) as unknown as JobBackend;

describe("the health route", () => {
  it("answers 200 with the queue while the backend answers", async () => {
    const jobs = backend(async () => ({ waiting: 2, delayed: 1, active: 0, oldestAgeMs: 50 }));
    const handler = opsRoutes(new PlansyncMetrics(() => jobs, new MemoryBlobCache(1)), () => jobs);
    const answer = await call(handler, "/healthz");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body!)).toEqual({
      status: "ok",
      backend: "redis",
      queue: { waiting: 2, delayed: 1, active: 0, oldestAgeMs: 50 },
    });
  });

  it("answers 503 within its timeout when Redis does not answer", async () => {
    const jobs = backend(() => new Promise(() => undefined));
    const handler = opsRoutes(new PlansyncMetrics(() => undefined, new MemoryBlobCache(1)), () => jobs);
    const started = Date.now();
    const answer = await call(handler, "/healthz");
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body!)).toMatchObject({ status: "unavailable", backend: "redis" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("leaves every other request to Probot", async () => {
    const handler = opsRoutes(new PlansyncMetrics(() => undefined, new MemoryBlobCache(1)), () => undefined);
    expect((await call(handler, "/api/github/webhooks")).handled).toBe(false);
  });
});
