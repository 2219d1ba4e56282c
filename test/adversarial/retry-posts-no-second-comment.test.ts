import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createPlansyncApp, type Runtime } from "../../src/app/plansync-app.js";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import type { JobOutcome } from "../../src/jobs/job-backend.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { readMarker } from "../../src/sync/marker.js";
import { pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";

const OWNER = "octo";
const REPO = "dupcomment";
const FULL = `${OWNER}/${REPO}`;
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

function start() {
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
  const stop = async () => {
    await jobs.close();
    stopNock();
    runtime?.stop();
  };
  return { sim, outcomes, push, stop, idle: () => jobs.idle() };
}

let app: ReturnType<typeof start> | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const byTask = (id: string) =>
  (app!.sim.issues(FULL) as any[]).find((issue) => readMarker(issue.body)?.id === id) as {
    number: number;
    state: string;
  };

describe("a removal whose comment went through but whose close failed (GitHub 5xx past octokit retries)", () => {
  it("is retried by the job without a second removal comment", async () => {
    app = start();
    await app.push({ "docs/plan.md": "# Plan\n\n- [ ] PF-1 One\n- [ ] PF-2 Two\n" });
    await app.idle();
    const pf2 = byTask("PF-2");
    app.outcomes.length = 0;
    // The close of PF-2 fails on the first attempt for good (more 502s than octokit retries).
    app.sim.failNext({ method: "PATCH", pathIncludes: `/issues/${pf2.number}`, status: 502, times: 4 });
    app.sim.resetLog();
    const sha = await app.push({ "docs/plan.md": "# Plan\n\n- [ ] PF-1 One\n" });
    await app.idle();
    const syncs = app.outcomes.filter((o) => o.kind === "sync").map((o) => `${o.attempt}:${o.outcome}`);
    expect(syncs).toEqual(["1:retrying", "2:done"]);
    expect(byTask("PF-2").state).toBe("closed");
    const comments = (app.sim.comments(FULL, pf2.number) as any[]).map((c) => String(c.body));
    expect(comments).toEqual([
      `Task PF-2 was removed from \`docs/plan.md\` in ${sha.slice(0, 7)}. Closing it as not planned; add the task back to a doc and plansync reopens this issue.`,
    ]);
    // Each attempt looked for the comment once before sending; only the first sent it.
    const onComments = app.sim.requests
      .filter((r) => r.path === `/repos/${FULL}/issues/${pf2.number}/comments`)
      .map((r) => `${r.method} ${r.status}`);
    expect(onComments).toEqual(["GET 200", "POST 201", "GET 200"]);
  });
});
