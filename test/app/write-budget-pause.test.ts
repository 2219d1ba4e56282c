// The write budget pauses a sync when the installation's hour is spent: the sync stops part-way
// with nothing lost, its check run says how far it came and when it resumes, and the job resumes
// by itself (a delay, not a failed attempt) and finishes without duplicates.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createPlansyncApp } from "../../src/app/plansync-app.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import type { WriteBudget } from "../../src/github/write-budget.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import type { JobOutcome } from "../../src/jobs/job-backend.js";
import { readMarker } from "../../src/sync/marker.js";
import { GitHubSim } from "../sim/github-sim.js";
import { pushPayload } from "./webhook-payloads.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

const FULL = "octo/plans";
const TASKS = 12;
const PLAN = Array.from({ length: TASKS }, (_, i) => `- [ ] BP-${i + 1} Task ${i + 1}`).join("\n") + "\n";
const RESUME_MS = 400;

/**
 * A budget spent after `admit` writes: it then asks for an hour (too long to wait in place), and
 * says a stretch of writes fits again in RESUME_MS, after which it admits everything.
 */
function spentAfter(admit: number) {
  const asked: string[] = [];
  let resumeAt: number | null = null;
  const budget: WriteBudget = {
    async reserve(installation, repo, now) {
      asked.push(`${installation} ${repo}`);
      if (admit > 0) return (admit--, { waitMs: 0, chunkWaitMs: 0 });
      resumeAt ??= now + RESUME_MS;
      if (now >= resumeAt) return { waitMs: 0, chunkWaitMs: 0 };
      return { waitMs: 3_600_000, chunkWaitMs: resumeAt - now };
    },
  };
  return { budget, asked };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe("a sync paused by the write budget", () => {
  it("reports how far it came and when it resumes, then resumes by itself and finishes without duplicates", async () => {
    const sim = new GitHubSim();
    sim.addRepo({ owner: "octo", repo: "plans", files: {} });
    const stopNock = sim.interceptWithNock();
    const { budget, asked } = spentAfter(6);
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
    const { sha, before } = sim.commitFiles(FULL, "main", { "docs/plan.md": PLAN }, "Add plan");
    const payload = pushPayload({ owner: "octo", repo: "plans" }, { before, after: sha, added: ["docs/plan.md"] });
    const pausedAt = Date.now();
    await probot.receive({ id: randomUUID(), name: "push", payload } as Parameters<Probot["receive"]>[0]);
    await jobs.idle(); // the resumed run too

    const [paused, resumed] = sim.checkRuns(FULL) as any[];
    expect(paused.conclusion).toBe("neutral");
    // Six writes admitted: the managed label, then five issues.
    expect(paused.output.title).toBe("Paused by GitHub's rate limit after 6 changes; resumes in 1 s");
    const until = new Date(Math.floor((pausedAt + RESUME_MS) / 60_000) * 60_000).toISOString().slice(11, 16);
    const later = new Date(Math.floor((Date.now() + RESUME_MS) / 60_000) * 60_000).toISOString().slice(11, 16);
    expect(paused.output.summary).toMatch(
      new RegExp(
        `5 of ${TASKS} done; paused until (${until}|${later}) UTC \\(GitHub's limit on content-creating requests\\); resumes by itself\\.`,
      ),
    );
    expect(resumed.conclusion).toBe("success");
    // The pause spent no attempt: the job was deferred, then done.
    expect(outcomes.map((o) => o.outcome)).toEqual(["deferred", "done"]);
    const ids = (sim.issues(FULL) as any[]).map((issue) => readMarker(issue.body)!.id).sort();
    expect(ids).toEqual(Array.from({ length: TASKS }, (_, i) => `BP-${i + 1}`).sort());
    // Every write went through the budget under the installation's id and the repository's name,
    // GraphQL mutations (createIssue) too: they name their repository (graphql-create-issue.ts).
    expect(asked.length).toBeGreaterThanOrEqual(TASKS + 1);
    expect(asked.filter((a) => a !== "1 octo/plans")).toEqual([]);
    expect(asked).toContain("1 octo/plans");
    expect(sim.violations).toEqual([]);
  });
});
