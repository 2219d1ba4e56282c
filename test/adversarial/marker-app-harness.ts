import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot } from "probot";
import { createPlansyncApp, type Runtime } from "../../src/app/plansync-app.js";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import type { JobOutcome } from "../../src/jobs/job-backend.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

export function startApp(OWNER: string, REPO: string) {
  const FULL = `${OWNER}/${REPO}`;
  let t = Date.parse("2026-11-01T10:00:00Z");
  const sim = new GitHubSim({ now: () => new Date((t += 1000)) });
  sim.addRepo({ owner: OWNER, repo: REPO, files: {} });
  const stopNock = sim.interceptWithNock();
  const Octokit = PlansyncOctokit.defaults((o: Record<string, any>) => ({
    ...o,
    retry: { enabled: true, retryAfterBaseValue: 1 },
    throttle: { ...o.throttle, enabled: false },
  }));
  const probot = new Probot({ appId: 1, privateKey, Octokit, logLevel: "fatal" });
  const outcomes: JobOutcome[] = [];
  let jobs!: MemoryBackend;
  let runtime!: Runtime;
  const loaded = probot.load(
    createPlansyncApp({
      backend: (o) => {
        jobs = new MemoryBackend({
          ...o,
          attempts: 3,
          backoffMs: 20,
          onOutcome: (outcome: JobOutcome) => (outcomes.push(outcome), o.onOutcome(outcome)),
        });
        return jobs;
      },
      writeBackDelayMs: 10,
      cache: new MemoryBlobCache(1024 * 1024),
      onStarted: (r) => (runtime = r),
    }),
  );
  async function push(files: Record<string, string>) {
    await loaded;
    const { sha, before } = sim.commitFiles(FULL, "main", files, "Update plans");
    const payload = pushPayload(
      { owner: OWNER, repo: REPO },
      { before, after: sha, modified: Object.keys(files), removed: [] },
    );
    await probot.receive({ id: randomUUID(), name: "push", payload } as Parameters<Probot["receive"]>[0]);
    return sha;
  }
  async function receive(name: string, payload: unknown) {
    await loaded;
    await probot.receive({ id: randomUUID(), name, payload } as Parameters<Probot["receive"]>[0]);
  }
  const stop = async () => {
    await jobs.close();
    stopNock();
    runtime?.stop();
  };
  return { sim, outcomes, push, receive, stop, idle: () => jobs.idle(), FULL };
}
