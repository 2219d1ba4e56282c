import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload, pullRequestPayload, pushPayload } from "../app/webhook-payloads.js";
import { DOOR_PLAN } from "../door-plan.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";

/** The committed bundle, which action.yml runs: what a runner would start. */
const BUNDLE = fileURLToPath(new URL("../../dist-action/index.mjs", import.meta.url));
const target = { owner: "octo", repo: "plans" };

const PLAN = DOOR_PLAN;

let sim: GitHubSim;
let server: RunningServer;
let dir: string;

beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
  sim.addRepo({ ...target, files: { "README.md": "# Plans\n" } });
  server = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "plansync-action-"));
});
afterEach(() => server.close());

interface Run {
  code: number;
  stdout: string;
  summary: string;
}

/** Runs the bundle with the variables a runner sets for `event`, and the step's inputs. */
function runAction(event: string, payload: unknown, inputs: Record<string, string> = {}): Promise<Run> {
  const eventPath = join(dir, `${event}-${Date.now()}.json`);
  const summaryPath = join(dir, `summary-${Date.now()}.md`);
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(summaryPath, "");
  const env = {
    PATH: process.env.PATH ?? "",
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "octo/plans",
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: `http://127.0.0.1:${server.port}`,
    INPUT_TOKEN: "ghs_actions_token",
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE], { cwd: dir, env }, (error, stdout) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, summary: readFileSync(summaryPath, "utf8") });
    });
  });
}

function push(files: Record<string, string>) {
  const { sha, before } = sim.commitFiles("octo/plans", "main", files, "Update the plan");
  return pushPayload(target, { before, after: sha, added: Object.keys(files) });
}

const issues = () => sim.issues("octo/plans").filter((i) => !i.pull_request);
const titleId = (title: string) => title.split(":")[0];
/**
 * The writes, by GitHub operation, in order; check runs apart (the Action reports in the job
 * summary), and the Action's record of the commit it synced (refs/plansync/synced).
 */
const writeOps = (log: readonly { operationId: string | null; path: string; body: unknown }[]) =>
  log.filter((w) => !w.operationId?.startsWith("checks/") && !isRecord(w)).map((w) => w.operationId);
const isRecord = (w: { path: string; body: unknown }) =>
  w.path.includes("plansync/synced") || (w.body as { ref?: string } | null)?.ref === "refs/plansync/synced";

describe("the Action, run as a runner runs it", () => {
  it("push: a first run reads every plan file, reports in the job summary, and a rerun writes nothing", async () => {
    const payload = push({ "docs/plan.md": PLAN });
    const run = await runAction("push", payload);
    expect(run.code).toBe(0);
    expect(
      issues()
        .map((i) => titleId(i.title))
        .sort(),
    ).toEqual(["BE-001", "BE-002", "BE-003"]);
    // No commit synced before: every plan file is read, and the head is recorded.
    expect(sim.reads().filter((r) => r.operationId === "repos/compare-commits-with-basehead")).toHaveLength(0);
    expect(
      sim
        .writes()
        .filter((w) => w.operationId === "git/create-ref")
        .map((w) => w.body),
    ).toEqual([{ ref: "refs/plansync/synced", sha: payload.after }]);
    expect(sim.checkRuns("octo/plans")).toEqual([]);
    expect(run.summary).toContain("## plansync: Created 3, closed 1 issu");
    expect(run.stdout).toContain("plansync: Created 3, closed 1 issu");
    sim.resetLog();
    const again = await runAction("push", payload);
    expect(again.code).toBe(0);
    expect(sim.writes()).toEqual([]);
  });

  it("makes the same writes as the app for the same push", async () => {
    const app: TestApp = await startApp({ "README.md": "# Plans\n" });
    try {
      await app.push({ "docs/plan.md": PLAN });
      const appWrites = writeOps(app.sim.writes());
      await runAction("push", push({ "docs/plan.md": PLAN }));
      expect(writeOps(sim.writes())).toEqual(appWrites);
      if (process.env.PLANSYNC_SHOW_OUTPUT)
        console.info(
          `app: ${app.sim.reads().length} reads, ${app.sim.writes().length} writes; action: ${sim.reads().length} reads, ${sim.writes().length} writes`,
          "\napp reads:",
          app.sim
            .reads()
            .map((r) => r.operationId)
            .join(" "),
          "\naction reads:",
          sim
            .reads()
            .map((r) => r.operationId)
            .join(" "),
          "\napp writes:",
          app.sim
            .writes()
            .map((r) => r.operationId)
            .join(" "),
          "\naction writes:",
          sim
            .writes()
            .map((r) => r.operationId)
            .join(" "),
        );
      expect(appWrites.filter((op) => op === "graphql:mutation:createIssue")).toHaveLength(3);
    } finally {
      await app.stop();
    }
  });

  it("a run stopped part-way is rerun to the end without a duplicate", async () => {
    const payload = push({ "docs/plan.md": PLAN });
    // Creates go through GraphQL: the first /graphql request resolves node ids, then one per create.
    sim.failNext({ method: "POST", pathIncludes: "/graphql", status: 500, after: 2, times: 3 });
    const first = await runAction("push", payload);
    expect(first.code).toBe(1);
    expect(first.summary).toContain("Sync stopped part-way");
    expect(issues()).toHaveLength(1);
    const rerun = await runAction("push", payload);
    expect(rerun.code).toBe(0);
    expect(
      issues()
        .map((i) => titleId(i.title))
        .sort(),
    ).toEqual(["BE-001", "BE-002", "BE-003"]);
  });

  it("issues.closed: writes the box back into the doc; the event for plansync's own close does nothing", async () => {
    await runAction("push", push({ "docs/plan.md": PLAN }));
    const be1 = issues().find((i) => i.title.startsWith("BE-001"))!;
    await sim.handle({ method: "PATCH", url: `/repos/octo/plans/issues/${be1.number}`, body: '{"state":"closed"}' });
    sim.resetLog();
    const run = await runAction("issues", issueStatePayload(target, sim.issue("octo/plans", be1.number), "closed"));
    expect(run.code).toBe(0);
    expect(sim.readFile("octo/plans", "main", "docs/plan.md")).toBe(PLAN.replace("- [ ] BE-001", "- [x] BE-001"));
    const be2 = issues().find((i) => i.title.startsWith("BE-002"))!;
    sim.resetLog();
    const own = await runAction("issues", issueStatePayload(target, be2, "closed"));
    expect(own.code).toBe(0);
    expect(sim.writes()).toEqual([]);
    expect(sim.reads()).toEqual([]);
  });

  it("pull_request: the preview goes to the job summary and annotations, and nothing is written", async () => {
    await runAction("push", push({ "docs/plan.md": PLAN }));
    const pr = sim.openPullRequest("octo/plans", {
      branch: "more-tasks",
      changes: { "docs/plan.md": `${PLAN}- [ ] BE-004 Log-in endpoint\n- [ ] BE-001 Repeated ID\n` },
    });
    sim.resetLog();
    const payload = pullRequestPayload(target, {
      action: "opened",
      number: pr.number,
      headSha: pr.headSha,
      headRef: "more-tasks",
    });
    const run = await runAction("pull_request", payload);
    expect(sim.writes()).toEqual([]);
    expect(run.summary).toContain("## plansync preview: Merging would create 1 issue");
    expect(run.summary).toContain("| BE-004 |");
    expect(run.stdout).toMatch(/^::error file=docs\/plan\.md,line=\d+,endLine=\d+,title=duplicate-id::/m);
    expect(run.code).toBe(1);
  });

  it("dry-run input: reports what a push would do and changes nothing", async () => {
    const run = await runAction("push", push({ "docs/plan.md": PLAN }), { "dry-run": "true" });
    expect(run.code).toBe(0);
    expect(sim.writes()).toEqual([]);
    expect(run.summary).toContain("## plansync: Dry run: would create 3, close 1 issu");
  });
});
