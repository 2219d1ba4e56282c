import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { BlobCache } from "../github/blob-cache.js";
import type { JobBackend, JobOutcome, QueueDepth } from "../jobs/job-backend.js";
import { withTimeout } from "../jobs/with-timeout.js";

/**
 * What `GET /metrics` shows, in Prometheus text format. One registry per app, so two apps in
 * one process (tests) do not collide; queue depth and cache hits are read when scraped.
 */
export class PlansyncMetrics {
  readonly registry = new Registry();
  private readonly jobs = new Counter({
    name: "plansync_jobs_total",
    help: "Job runs by kind and outcome (done, retrying, failed)",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "plansync_job_duration_seconds",
    help: "Duration of job runs by kind",
    labelNames: ["kind"] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [this.registry],
  });
  private readonly operations = new Counter({
    name: "plansync_operations_total",
    help: "GitHub operations applied by syncs, by kind (create-issue, update-issue, ...)",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });
  private readonly rateLimitWaits = new Counter({
    name: "plansync_rate_limit_waits_total",
    help: "Waits on GitHub rate limits, by limit (secondary, primary)",
    labelNames: ["limit"] as const,
    registers: [this.registry],
  });
  private readonly conditionalRequests = new Counter({
    name: "plansync_github_conditional_requests_total",
    help:
      "GitHub GET requests by how the ETag cache answered: not_modified (a 304, free of the rate limit), " +
      "modified (sent with If-None-Match, answered 200), uncached (nothing stored to ask with)",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  private readonly redeliveries = new Counter({
    name: "plansync_redeliveries_total",
    help: "Failed webhook deliveries this app asked GitHub to redeliver",
    registers: [this.registry],
  });

  constructor(backend: () => JobBackend | undefined, cache: BlobCache) {
    collectDefaultMetrics({ register: this.registry, prefix: "plansync_" });
    // One read serves both queue gauges of a scrape; while Redis is down they are left out
    // rather than hanging the scrape.
    let read: { at: number; depth: Promise<QueueDepth | undefined> } | undefined;
    const depth = () => {
      const jobs = backend();
      if (!jobs) return undefined;
      if (!read || Date.now() - read.at > 1_000)
        read = { at: Date.now(), depth: withTimeout(jobs.depth(), 2_000, "The job backend").catch(() => undefined) };
      return read.depth;
    };
    new Gauge({
      name: "plansync_queue_jobs",
      help: "Jobs in the queue by state (waiting, delayed, active)",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        const now = await depth();
        if (!now) return;
        for (const state of ["waiting", "delayed", "active"] as const) this.set({ state }, now[state]);
      },
    });
    new Gauge({
      name: "plansync_queue_oldest_age_seconds",
      help: "Age of the oldest job waiting to run",
      registers: [this.registry],
      async collect() {
        const now = await depth();
        if (now) this.set(now.oldestAgeMs / 1000);
      },
    });
    new Gauge({
      name: "plansync_blob_cache_lookups",
      help: "Blob cache lookups since start, by result (hit, miss)",
      labelNames: ["result"] as const,
      registers: [this.registry],
      collect() {
        this.set({ result: "hit" }, cache.stats.hits);
        this.set({ result: "miss" }, cache.stats.misses);
      },
    });
  }

  jobRun(outcome: JobOutcome): void {
    this.jobs.inc({ kind: outcome.kind, outcome: outcome.outcome });
    this.duration.observe({ kind: outcome.kind }, outcome.durationMs / 1000);
  }

  applied(kinds: readonly string[]): void {
    for (const kind of kinds) this.operations.inc({ kind });
  }

  rateLimitWait(limit: "secondary" | "primary"): void {
    this.rateLimitWaits.inc({ limit });
  }

  conditionalRequest(result: "not_modified" | "modified" | "uncached"): void {
    this.conditionalRequests.inc({ result });
  }

  redelivered(count: number): void {
    this.redeliveries.inc(count);
  }
}
