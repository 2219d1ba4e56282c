// Regression, issue #22 (write budget / pause): with `ids.assign` on, a sync's first content-creating write is
// the commit that numbers ID-less tasks (PUT /contents or the git data API), made in decideSync,
// before applyOperations. A WriteBudgetPause there is caught by nothing that turns it into a
// pause: the job fails like any error (spending an attempt, and with none left it is "failed"),
// and no check run says "paused".
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createPlansyncApp } from "../../src/app/plansync-app.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import type { WriteBudget } from "../../src/github/write-budget.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import type { JobOutcome } from "../../src/jobs/job-backend.js";
import { GitHubSim } from "../sim/github-sim.js";
import { pushPayload } from "../app/webhook-payloads.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

const PATH = "docs/invoice-export.md";
const source = readFileSync(new URL("../../fixtures/plans/milestone-no-ids.md", import.meta.url), "utf8");
const RESUME_MS = 400;

/** A budget the installation's other syncs have spent: it frees a stretch of writes in RESUME_MS. */
function spentUntilSoon() {
  let resumeAt: number | null = null;
  const budget: WriteBudget = {
    async reserve(_installation, _repo, now) {
      resumeAt ??= now + RESUME_MS;
      if (now >= resumeAt) return { waitMs: 0, chunkWaitMs: 0 };
      return { waitMs: 3_600_000, chunkWaitMs: resumeAt - now };
    },
  };
  return budget;
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe("a sync whose ID commit meets a spent write budget", () => {
  it("is paused (deferred, no attempt spent) and resumes by itself, not failed", async () => {
    const sim = new GitHubSim();
    sim.addRepo({ owner: "octo", repo: "plans", files: { ".github/plansync.yml": "ids:\n  assign: true\n" } });
    const stopNock = sim.interceptWithNock();
    const budget = spentUntilSoon();
    const Octokit = PlansyncOctokit.defaults((o: Record<string, any>) => ({
      ...o,
      retry: { enabled: false },
      throttle: { ...o.throttle, enabled: false },
      writeBudget: { budget, installation: String(o.auth?.installationId ?? "app") },
    }));
    const probot = new Probot({ appId: 1, privateKey, Octokit, logLevel: "fatal" });
    let jobs!: MemoryBackend;
    let runtime: { stop(): void } | undefined;
    const outcomes: JobOutcome[] = [];
    await probot.load(
      createPlansyncApp({
        backend: (o) =>
          (jobs = new MemoryBackend({
            ...o,
            attempts: 1,
            onOutcome: (outcome) => (o.onOutcome(outcome), outcomes.push(outcome)),
          })),
        writeBackDelayMs: 10,
        cache: new MemoryBlobCache(1024 * 1024),
        onStarted: (r) => (runtime = r),
      }),
    );
    stop = () => {
      stopNock();
      runtime?.stop();
    };
    const { sha, before } = sim.commitFiles("octo/plans", "main", { [PATH]: source }, "Add plan");
    const payload = pushPayload({ owner: "octo", repo: "plans" }, { before, after: sha, added: [PATH] });
    await probot.receive({ id: randomUUID(), name: "push", payload } as Parameters<Probot["receive"]>[0]);
    await jobs.idle();
    await new Promise((r) => setTimeout(r, RESUME_MS + 200));
    await jobs.idle();

    const runs = sim.checkRuns("octo/plans") as any[];
    expect({
      outcomes: outcomes.map((o) => o.outcome).slice(0, 2),
      firstCheckRun: runs[0]?.conclusion ?? "(none)",
    }).toEqual({ outcomes: ["deferred", "done"], firstCheckRun: "neutral" });
  });
});
