import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { issueStatePayload, pullRequestPayload, pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim, type RunningServer } from "../sim/github-sim.js";
import { AppProcess, sleep } from "./app-process.js";

/**
 * The app as its own process, without Redis: jobs run in-process, as `npm start` runs them on a
 * fresh machine.
 */

/** Probot's throttling spaces issue creations 3 s apart (its "notifications" group), so 3 issues take ~7 s. */
const SYNC_MS = 25_000;

const PLAN = [
  "# Plan",
  "",
  "- [ ] BE-001 Set up database schema",
  "- [x] BE-002 Wire the queue",
  "- [ ] BE-003 Send invoices",
  "",
].join("\n");

const secret = randomBytes(32).toString("hex");
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

let sim: GitHubSim;
let simServer: RunningServer | undefined;
let app: AppProcess;

/** Commits files to the simulator like a person would and returns the push payload for that commit. */
function commitAndBuildPush(repo: string, files: Record<string, string>) {
  const { sha, before } = sim.commitFiles(`octo/${repo}`, "main", files, "Add plan");
  return pushPayload({ owner: "octo", repo }, { before, after: sha, added: Object.keys(files) });
}

beforeAll(async () => {
  sim = new GitHubSim();
  sim.addRepo({ owner: "octo", repo: "plans", files: { "README.md": "# Plans\n" } });
  sim.addRepo({ owner: "octo", repo: "other", files: { "README.md": "# Other\n" } });
  simServer = await sim.listen();
  app = new AppProcess({ name: "app", secret, privateKey, simPort: simServer.port });
  console.info(`app answered /ping after ${await app.start()} ms`);
});

afterAll(async () => {
  try {
    await app?.stop();
  } finally {
    await simServer?.close();
  }
});

describe("plansync as its own process, against the simulator over HTTP", () => {
  it("rejects a webhook with a wrong signature and does nothing", async () => {
    const payload = commitAndBuildPush("other", { "docs/plan.md": PLAN });
    const body = JSON.stringify(payload);
    const answer = await app.deliver("push", payload, { signature: app.sign(body, `${secret}-wrong`) });
    expect(answer.status, `${answer.text}\n${app.logs()}`).toBeGreaterThanOrEqual(400);
    expect(answer.status, `${answer.text}\n${app.logs()}`).toBeLessThan(500);
    expect(answer.text).toContain("signature does not match");
    // The rejection is synchronous; give a wrongly queued sync a moment to show itself anyway.
    await sleep(1_000);
    expect(sim.issues("octo/other")).toEqual([]);
    expect(sim.checkRuns("octo/other")).toEqual([]);
    expect(sim.requests.filter((r) => r.path.startsWith("/repos/octo/other"))).toEqual([]);
    expect(sim.violations).toEqual([]);
  });

  it("syncs a pushed plan into issues, closing the ticked task's issue", async () => {
    const payload = commitAndBuildPush("plans", { "docs/plan.md": PLAN });
    const sent = Date.now();
    const answer = await app.deliver("push", payload);
    expect(answer.status, `${answer.text}\n${app.logs()}`).toBeGreaterThanOrEqual(200);
    expect(answer.status, `${answer.text}\n${app.logs()}`).toBeLessThan(300);

    // The check run is the sync's last write, so once it is there the issues are final.
    await app.waitFor("3 issues and a check run in octo/plans", SYNC_MS, () =>
      sim.issues("octo/plans").length >= 3 && sim.checkRuns("octo/plans").length > 0 ? true : undefined,
    );
    console.info(`sync finished ${Date.now() - sent} ms after the webhook was sent`);

    const issues = sim.issues("octo/plans") as { title: string; state: string; body?: string | null }[];
    expect(issues.map((i) => i.title).sort(), app.logs()).toEqual([
      "BE-001: Set up database schema",
      "BE-002: Wire the queue",
      "BE-003: Send invoices",
    ]);
    const states = Object.fromEntries(issues.map((i) => [readMarker(i.body)?.id, i.state]));
    expect(states).toEqual({ "BE-001": "open", "BE-002": "closed", "BE-003": "open" });
    expect(sim.checkRuns("octo/plans")[0]).toMatchObject({ headSha: payload.after, conclusion: "success" });
    expect(sim.violations).toEqual([]);
    expect(app.errors(), app.logs()).toEqual([]);
  }, 40_000);

  it("logs one line per job, and serves /healthz and /metrics", async () => {
    // The line follows the check run, the sync's last write.
    const jobLines = await app.waitFor("the sync job's log line", 5_000, () => {
      const lines = app.jsonLines().filter((line) => line.msg === "Job sync done");
      return lines.length > 0 ? lines : undefined;
    });
    expect(jobLines).toHaveLength(1);
    expect(jobLines[0]).toMatchObject({ repo: "octo/plans", kind: "sync", outcome: "done", attempt: 1 });
    expect(jobLines[0]!.durationMs).toEqual(expect.any(Number));
    const health = await app.get("/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: "ok", backend: "memory" });
    const metrics = await app.get("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('plansync_jobs_total{kind="sync",outcome="done"} 1');
    expect(metrics.text).toContain('plansync_operations_total{kind="create-issue"} 3');
  });

  it("previews a fork's pull request in a check run on its head, writing nothing else", async () => {
    const edited = PLAN.replace(
      "- [ ] BE-003 Send invoices",
      "- [x] BE-003 Send invoices\n- [ ] BE-004 Retry failed sends",
    );
    const pr = sim.openPullRequest("octo/plans", {
      branch: "plan",
      fork: "contributor",
      changes: { "docs/plan.md": edited },
    });
    const payload = pullRequestPayload(
      { owner: "octo", repo: "plans" },
      { action: "opened", number: pr.number, headSha: pr.headSha, headRef: "plan", fork: "contributor" },
    );
    const before = sim.writes().length;
    const answer = await app.deliver("pull_request", payload);
    expect(answer.status, answer.text).toBeLessThan(300);
    const run = await app.waitFor("the preview check run", 10_000, () =>
      sim.checkRuns("octo/plans").find((r) => r.name === "plansync preview" && r.headSha === pr.headSha),
    );
    expect(run.output.title).toBe("Merging would create 1, close 1 issues");
    expect(
      sim
        .writes()
        .slice(before)
        .map((w) => w.operationId),
    ).toEqual(["checks/create"]);
    expect(sim.issues("octo/plans").filter((i) => !i.pull_request)).toHaveLength(3);
    expect(sim.violations).toEqual([]);
  });

  // Last: it stops the process.
  it("on SIGTERM, writes back a close still waiting in its window, then exits 0", async () => {
    const issue = (sim.issues("octo/plans") as { number: number; body?: string | null }[]).find(
      (i) => readMarker(i.body)?.id === "BE-001",
    )!;
    await sim.handle({ method: "PATCH", url: `/repos/octo/plans/issues/${issue.number}`, body: '{"state":"closed"}' });
    const answer = await app.deliver(
      "issues",
      issueStatePayload({ owner: "octo", repo: "plans" }, sim.issue("octo/plans", issue.number), "closed"),
    );
    expect(answer.status, `${answer.text}\n${app.logs()}`).toBeLessThan(300);
    // The default window is 10 s: the signal arrives while the close is still waiting in it.
    await app.stop("SIGTERM", SYNC_MS);
    expect(app.exited, app.logs()).toEqual({ code: 0, signal: null });
    expect(sim.readFile("octo/plans", "main", "docs/plan.md")).toBe(PLAN.replace("[ ] BE-001", "[x] BE-001"));
    expect(sim.violations).toEqual([]);
    expect(app.errors(), app.logs()).toEqual([]);
  }, 40_000);
});
