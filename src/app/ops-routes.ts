import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobBackend } from "../jobs/job-backend.js";
import { withTimeout } from "../jobs/with-timeout.js";
import type { PlansyncMetrics } from "./plansync-metrics.js";

/**
 * `GET /metrics` (Prometheus) and `GET /healthz` for load balancers: 200 while the job backend
 * answers (Redis reachable), 503 otherwise. Other requests fall through to Probot's handlers.
 */
export function opsRoutes(metrics: PlansyncMetrics, backend: () => JobBackend | undefined) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== "/metrics" && path !== "/healthz")) return false;
    if (path === "/metrics") {
      res.writeHead(200, { "content-type": metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
      return true;
    }
    const jobs = backend();
    try {
      const queue = jobs ? await withTimeout(jobs.depth(), 2_000, "The job backend") : null;
      send(res, 200, { status: "ok", backend: jobs?.name ?? null, queue });
    } catch (error) {
      send(res, 503, { status: "unavailable", backend: jobs?.name ?? null, error: String(error) });
    }
    return true;
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
