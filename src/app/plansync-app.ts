import type { ApplicationFunctionOptions, Probot } from "probot";
import { onConditionalRequest, useEtagCache } from "../github/conditional-requests.js";
import type { EtagCache } from "../github/etag-cache.js";
import { onRateLimitWait } from "../github/plansync-octokit.js";
import type { BlobCache } from "../github/blob-cache.js";
import type { BackendOptions, JobBackend } from "../jobs/job-backend.js";
import { createJobHandler } from "../jobs/job-handler.js";
import type { Work } from "../jobs/work.js";
import type { AppServices } from "./app-services.js";
import { botLogin } from "./bot-login.js";
import { defaultBackend, defaultBlobCache, defaultEtagCache } from "./default-backend.js";
import { handleInstallation } from "./handle-installation.js";
import { handleIssueEdited } from "./handle-issue-edited.js";
import { handleIssueState } from "./handle-issue-state.js";
import { handlePullRequest, PREVIEW_ACTIONS } from "./handle-pull-request.js";
import { handleProjectItem } from "./handle-project-item.js";
import { handlePush } from "./handle-push.js";
import { jobSettings } from "./job-settings.js";
import { logJobOutcome } from "./log-job-outcome.js";
import { opsRoutes } from "./ops-routes.js";
import { PlansyncMetrics } from "./plansync-metrics.js";

/** What a running app holds besides its handlers. */
export interface Runtime {
  jobs: JobBackend;
  cache: BlobCache & { close?: () => void };
  metrics: PlansyncMetrics;
  /** Stops what the app subscribed to in this process. */
  stop: () => void;
}

export type BackendFactory = (
  options: BackendOptions & { leaseMs: number; onConnectionError?: (error: Error) => void },
) => JobBackend;

export interface PlansyncAppOptions {
  /** Where jobs run; by default on Redis when REDIS_URL is set, else in this process. */
  backend?: BackendFactory;
  /** Overrides WRITE_BACK_DELAY_MS: how long closes are collected before one write-back commit. */
  writeBackDelayMs?: number;
  /** Receives the backend and cache, so the server can drain and close them and tests can wait. */
  onStarted?: (runtime: Runtime) => void;
  /** Parsed plans by blob sha; by default in memory, and in Redis too when REDIS_URL is set. */
  cache?: BlobCache & { close?: () => void };
  /**
   * GitHub's answers with their ETags, for conditional requests; null turns them off. By default
   * in memory, and in Redis too when REDIS_URL is set. One per process: this sets it for every client.
   */
  etagCache?: EtagCache | null;
}

/**
 * The Probot app: thin handlers that enqueue plain work and answer at once. Maintenance
 * (redeliveries, reconciles) is the server's to start once it listens: see server.ts.
 */
export function createPlansyncApp(options: PlansyncAppOptions = {}) {
  return (app: Probot, { addHandler }: Partial<ApplicationFunctionOptions> = {}): void => {
    const settings = jobSettings();
    const delayMs = options.writeBackDelayMs ?? settings.writeBackDelayMs;
    let backend: JobBackend | undefined;
    const enqueue = async (work: Work) => {
      if (!backend) throw new Error("plansync's job backend is not ready yet; the app is still starting");
      await backend.enqueue(work, work.kind === "write-back" ? { delayMs } : {});
    };
    const creator = botLogin(app);
    const onConnectionError = redisErrorLogger(app);
    const cache = options.cache ?? defaultBlobCache(process.env, onConnectionError);
    const metrics = new PlansyncMetrics(() => backend, cache);
    const etagCache =
      options.etagCache !== undefined ? options.etagCache : defaultEtagCache(process.env, onConnectionError);
    useEtagCache(etagCache);
    const stopWaits = onRateLimitWait((limit) => metrics.rateLimitWait(limit));
    const stopConditional = onConditionalRequest((result) => metrics.conditionalRequest(result));
    const stopCounting = () => {
      stopWaits();
      stopConditional();
      etagCache?.close?.();
    };
    const onApplied = (kinds: readonly string[]) => metrics.applied(kinds);
    const onRedelivered = (count: number) => metrics.redelivered(count);
    const claimOnce = (name: string, ttlMs: number) => backend!.claimOnce(name, ttlMs);
    backend = (options.backend ?? defaultBackend)({
      ...settings,
      onConnectionError,
      handler: createJobHandler({ app, creator, enqueue, claimOnce, cache, onApplied, onRedelivered }),
      onOutcome: (outcome) => {
        logJobOutcome(app.log, outcome);
        metrics.jobRun(outcome);
      },
    });
    options.onStarted?.({ jobs: backend, cache, metrics, stop: stopCounting });
    serveOpsRoutes(
      app,
      addHandler,
      opsRoutes(metrics, () => backend),
    );
    const services: AppServices = { enqueue, creator };
    app.on("push", (context) => handlePush(context, services));
    app.on(["issues.closed", "issues.reopened"], (context) => handleIssueState(context, services));
    app.on("issues.edited", (context) => handleIssueEdited(context, services));
    app.on("projects_v2_item.edited", (context) => handleProjectItem(context, services));
    app.on([...PREVIEW_ACTIONS], (context) => handlePullRequest(context, services));
    app.on(["installation.created", "installation_repositories.added"], (context) =>
      handleInstallation(context, services),
    );
  };
}

/**
 * Redis being unreachable is logged once a minute, not at each reconnect attempt: jobs wait, and
 * /healthz answers 503 meanwhile.
 */
function redisErrorLogger(app: Probot): (error: Error) => void {
  let last = 0;
  return (error) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    app.log.warn({ err: error }, "Redis is unreachable; jobs wait until it answers again");
  };
}

/** A Probot loaded without its server (tests, scripts) has no routes to add to: its addHandler throws. */
function serveOpsRoutes(
  app: Probot,
  addHandler: ApplicationFunctionOptions["addHandler"] | undefined,
  routes: Parameters<ApplicationFunctionOptions["addHandler"]>[0],
) {
  try {
    addHandler?.(routes);
  } catch {
    app.log.debug("No HTTP server: /metrics and /healthz are not served");
  }
}
