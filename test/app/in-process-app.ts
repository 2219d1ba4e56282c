import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot } from "probot";
import { createPlansyncApp, type BackendFactory, type Runtime } from "../../src/app/plansync-app.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import type { JobOutcome } from "../../src/jobs/job-backend.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import type { RedisBackend } from "../../src/jobs/redis-backend.js";
import { GitHubSim } from "../sim/github-sim.js";
import { pushPayload } from "./webhook-payloads.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

export interface InProcessAppOptions {
  owner: string;
  repo: string;
  /** The backend's tries of one run, and its first backoff (doubled at each further one). */
  attempts?: number;
  backoffMs?: number;
  /** The job backend; in-process by default. */
  backend?: (options: Parameters<BackendFactory>[0]) => MemoryBackend | RedisBackend;
}

/**
 * The app as in production, in this process, against the simulator: octokit's retry plugin on
 * (1 ms apart), throttling off, and the backend's own retries, so a fault meets both layers of
 * retry. Every job outcome is recorded, with when it ended.
 */
export function startInProcessApp({
  owner,
  repo,
  attempts = 3,
  backoffMs = 20,
  backend = (options) => new MemoryBackend(options),
}: InProcessAppOptions) {
  const full = `${owner}/${repo}`;
  let t = Date.parse("2026-11-01T10:00:00Z");
  const sim = new GitHubSim({ now: () => new Date((t += 1000)) });
  sim.addRepo({ owner, repo, files: {} });
  const stopNock = sim.interceptWithNock();
  const Octokit = PlansyncOctokit.defaults((o: Record<string, any>) => ({
    ...o,
    retry: { enabled: true, retryAfterBaseValue: 1 },
    throttle: { ...o.throttle, enabled: false },
  }));
  const probot = new Probot({ appId: 1, privateKey, Octokit, logLevel: "fatal" });
  const outcomes: (JobOutcome & { at: number })[] = [];
  let jobs!: MemoryBackend | RedisBackend;
  let runtime: Runtime | undefined;
  const loaded = probot.load(
    createPlansyncApp({
      backend: (o) => {
        jobs = backend({
          ...o,
          attempts,
          backoffMs,
          onOutcome: (outcome: JobOutcome) => (outcomes.push({ ...outcome, at: Date.now() }), o.onOutcome(outcome)),
        });
        return jobs;
      },
      writeBackDelayMs: 10,
      cache: new MemoryBlobCache(1024 * 1024),
      onStarted: (r) => (runtime = r),
    }),
  );
  async function receive(name: string, payload: unknown) {
    await loaded;
    await probot.receive({ id: randomUUID(), name, payload } as Parameters<Probot["receive"]>[0]);
  }
  /** Commits `files` to main and delivers the push. */
  async function push(files: Record<string, string>) {
    const { sha, before } = sim.commitFiles(full, "main", files, "Update plans");
    await receive(
      "push",
      pushPayload({ owner, repo }, { before, after: sha, modified: Object.keys(files), removed: [] }),
    );
    return sha;
  }
  const stop = async () => {
    await jobs.close();
    stopNock();
    runtime?.stop();
  };
  return { sim, outcomes, push, receive, stop, idle: () => jobs.idle(), FULL: full };
}
