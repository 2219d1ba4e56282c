import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot } from "probot";
import { afterEach, expect } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { createPlansyncApp, type Runtime } from "../../src/app/plansync-app.js";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import type { BackendOptions } from "../../src/jobs/job-backend.js";
import type { Work } from "../../src/jobs/work.js";
import { GitHubSim } from "../sim/github-sim.js";
import { pushPayload } from "./webhook-payloads.js";

export interface PushOptions {
  ref?: string;
  sender?: { login: string; type: "User" | "Bot" };
  forced?: boolean;
}

export const OWNER = "octo";
export const REPO = "plans";
export const FULL = `${OWNER}/${REPO}`;

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

/**
 * A real Probot running plansync's own Octokit against the simulator through nock. Throttling and
 * retries are off unless asked for (function form: Probot overwrites an object's `throttle`), so
 * tests see every request once.
 */
export function startApp(
  files: Record<string, string>,
  options: {
    clock?: () => Date;
    writeBackDelayMs?: number;
    throttled?: boolean;
    retries?: boolean;
    /** The blob cache's size; 0 keeps nothing (a full scan reads every file, as before the cache). */
    cacheBytes?: number;
    /** Who owns the repository; a user by default. Only an organisation has issue types. */
    ownerType?: "User" | "Organization";
  } = {},
) {
  const sim = new GitHubSim({ now: options.clock ?? tickingClock() });
  sim.addRepo({ owner: OWNER, repo: REPO, files, ownerType: options.ownerType });
  const stopNock = sim.interceptWithNock();
  const errors: unknown[] = [];
  // With `retries`, octokit's retry plugin runs as in production, 1 ms instead of 1 s apart:
  // the faults that create duplicates live in its retry paths.
  const retry = options.retries ? { enabled: true, retryAfterBaseValue: 1 } : { enabled: false };
  const Octokit = options.throttled
    ? PlansyncOctokit.defaults((o: Record<string, any>) => ({ ...o, retry }))
    : PlansyncOctokit.defaults((o: Record<string, any>) => ({
        ...o,
        retry,
        throttle: { ...o.throttle, enabled: false },
      }));
  let jobs!: MemoryBackend;
  let cache!: MemoryBlobCache;
  let runtime!: Runtime;
  let loaded: Promise<void> = Promise.resolve();
  let probot!: Probot;
  /**
   * A fresh app process: its own Probot and in-process jobs; GitHub (the simulator) stays. A job
   * is tried once, so a failure shows in `errors` (the backend contract tests cover retries).
   */
  const boot = () => {
    probot = new Probot({ appId: 1, privateKey, Octokit, logLevel: "warn" });
    const writeBackDelayMs = options.writeBackDelayMs ?? 30;
    const backend = (o: BackendOptions) =>
      (jobs = new MemoryBackend({
        ...o,
        attempts: 1,
        onOutcome: (outcome) => {
          o.onOutcome(outcome);
          if (outcome.outcome === "failed") errors.push(outcome.error);
        },
      }));
    cache = new MemoryBlobCache(options.cacheBytes ?? 64 * 1024 * 1024);
    loaded = probot.load(createPlansyncApp({ backend, writeBackDelayMs, cache, onStarted: (r) => (runtime = r) }));
  };
  boot();

  /**
   * A crash and restart between jobs: open write-back windows are lost (as a dead process loses
   * its timers), the running job finishes, then a new app instance takes the deliveries.
   */
  async function restart(): Promise<void> {
    jobs.abandon();
    await jobs.idle();
    runtime.stop();
    boot();
  }

  /** Delivers one webhook without waiting for the work it queues. */
  async function deliver(name: string, payload: unknown): Promise<void> {
    await probot.receive({ id: randomUUID(), name, payload } as Parameters<Probot["receive"]>[0]);
  }

  /** Delivers one webhook and waits until every sync and write-back it caused has finished. */
  async function receive(name: string, payload: unknown): Promise<void> {
    await deliver(name, payload);
    await jobs.idle();
  }

  /**
   * Commits files the way a person would (null deletes), then delivers the push webhook for that
   * commit and waits for the sync. The request log is reset first, so it shows this push alone.
   */
  async function push(changes: Record<string, string | null>, extra: PushOptions = {}) {
    const branch = extra.ref?.replace("refs/heads/", "") ?? "main";
    const { sha, before } = sim.commitFiles(FULL, branch, changes, "Update plans");
    const paths = Object.keys(changes);
    const payload = pushPayload(
      { owner: OWNER, repo: REPO, ownerType: options.ownerType },
      {
        ...extra,
        before,
        after: sha,
        modified: paths.filter((p) => changes[p] !== null),
        removed: paths.filter((p) => changes[p] === null),
      },
    );
    sim.resetLog();
    await receive("push", payload);
    return payload;
  }

  return {
    sim,
    get jobs() {
      return jobs;
    },
    /** Queues work as a webhook handler or a schedule would, once the app has loaded. */
    enqueue: async (work: Work) => {
      await loaded;
      await jobs.enqueue(work);
    },
    get cache() {
      return cache;
    },
    get metrics() {
      return runtime.metrics;
    },
    get probot() {
      return probot;
    },
    errors,
    deliver,
    receive,
    push,
    restart,
    idle: () => jobs.idle(),
    stop: stopNock,
  };
}

export function tickingClock(start = "2026-11-01T10:00:00Z"): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export type TestApp = ReturnType<typeof startApp>;

/**
 * The checks every app test makes after each case: nock is removed, no request broke GitHub's
 * REST description, and (unless a test expects failed jobs) no queued job failed.
 */
export function checkAfterEach(current: () => TestApp | undefined, { jobErrors = false } = {}): void {
  afterEach(() => {
    const app = current();
    app?.stop();
    expect(app?.sim.violations ?? []).toEqual([]);
    if (!jobErrors) expect(app?.errors ?? []).toEqual([]);
  });
}

/** The managed issue of a task, as GitHub's issue JSON, or undefined. */
export function issueOfTask(app: TestApp, id: string): any {
  return (app.sim.issues(FULL) as any[]).find((issue) => readMarker(issue.body)?.id === id);
}
