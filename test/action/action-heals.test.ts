import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { issueEditedPayload, issueStatePayload, pushPayload } from "../app/webhook-payloads.js";
import { DOOR_PLAN } from "../door-plan.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { runActionProcess } from "./action-runner.js";

const target = { owner: "octo", repo: "plans" };
const FULL = "octo/plans";

let sim: GitHubSim;
let server: RunningServer;
let dir: string;

beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
  sim.addRepo({ ...target, files: { "README.md": "# Plans\n" } });
  server = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "plansync-action-heals-"));
});
afterEach(async () => {
  await server.close();
  expect(sim.violations).toEqual([]);
});

const run = (event: string, payload: unknown) => runActionProcess(server, dir, event, payload);

/** A push as a workflow sees it: its payload lists no files (github-facts.md). */
function push(files: Record<string, string | null>) {
  const { sha, before } = sim.commitFiles(FULL, "main", files, "Update the plans");
  return pushPayload(target, { before, after: sha });
}

const issues = () => sim.issues(FULL).filter((i) => !i.pull_request);
const idOf = (issue: { body?: string | null }) => readMarker(issue.body)?.id;
const ids = () => issues().map(idOf).sort();
const byId = (id: string) => issues().find((i) => idOf(i) === id)!;
const plan = (...tasks: string[]) => `# Plan\n\n## Tasks\n\n${tasks.map((t) => `- [ ] ${t}\n`).join("")}`;

async function syncedRecord(): Promise<string | null> {
  const response = await sim.handle({ method: "GET", url: `/repos/${FULL}/git/ref/plansync/synced` });
  return response.status === 200 ? (response.body as { object: { sha: string } }).object.sha : null;
}

describe("the Action syncs from the commit it last synced", { timeout: 180_000 }, () => {
  it("a burst of three pushes whose middle run was cancelled: the third run syncs all three pushes' files", async () => {
    const first = await run("push", push({ "docs/a.md": plan("BE-001 Database") }));
    expect(first.code).toBe(0);
    expect(ids()).toEqual(["BE-001"]);
    const one = sim.headSha(FULL, "main");
    push({ "docs/b.md": plan("FE-001 Sign-up form") }); // its run is cancelled by concurrency: never runs
    const third = push({ "docs/c.md": plan("OPS-001 Backups") });
    sim.resetLog();
    const last = await run("push", third);
    expect(last.code).toBe(0);
    expect(ids()).toEqual(["BE-001", "FE-001", "OPS-001"]);
    const compares = sim.reads().filter((r) => r.operationId === "repos/compare-commits-with-basehead");
    expect(compares.map((r) => r.path)).toEqual([`/repos/${FULL}/compare/${one}...${third.after}`]);
    expect(await syncedRecord()).toBe(third.after);
  });

  it("a run that stopped part-way leaves the record where it was, so the next run of any event redoes its files", async () => {
    await run("push", push({ "docs/a.md": plan("BE-001 Database") }));
    const one = sim.headSha(FULL, "main");
    const failing = push({ "docs/b.md": plan("FE-001 Sign-up form", "FE-002 Log-in form") });
    sim.failNext({ method: "POST", pathIncludes: `/repos/${FULL}/issues`, status: 500, after: 1, times: 3 });
    // Issues are created through GraphQL: after the node id query, FE-001's create fails there too.
    sim.failNext({ method: "POST", pathIncludes: "/graphql", status: 500, after: 1, times: 3 });
    expect((await run("push", failing)).code).toBe(1);
    expect(await syncedRecord()).toBe(one);
    sim.clearFaults();
    const nightly = await run("workflow_dispatch", { repository: { default_branch: "main" } });
    expect(nightly.code).toBe(0);
    expect(ids()).toEqual(["BE-001", "FE-001", "FE-002"]);
    expect(await syncedRecord()).toBe(failing.after);
  });

  it("an issue event that writes back first syncs the pushes no run synced", async () => {
    await run("push", push({ "docs/a.md": plan("BE-001 Database") }));
    push({ "docs/b.md": plan("FE-001 Sign-up form") }); // its run is cancelled: never runs
    const be1 = byId("BE-001");
    await sim.actAs("octo-dev", "PATCH", `/repos/${FULL}/issues/${be1.number}`, { state: "closed" });
    const closed = await run("issues", issueStatePayload(target, sim.issue(FULL, be1.number), "closed"));
    expect(closed.code).toBe(0);
    expect(ids()).toEqual(["BE-001", "FE-001"]);
    expect(sim.readFile(FULL, "main", "docs/a.md")).toBe(plan("BE-001 Database").replace("- [ ]", "- [x]"));
  });

  it("a force-push that rewinds main is a full scan: the tasks it took away are removed", async () => {
    await run("push", push({ "docs/plan.md": DOOR_PLAN }));
    const before = sim.headSha(FULL, "main");
    const second = push({ "docs/plan.md": `${DOOR_PLAN}- [ ] BE-004 Log-in endpoint\n` });
    await run("push", second);
    expect(ids()).toEqual(["BE-001", "BE-002", "BE-003", "BE-004"]);
    await sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/git/refs/heads/main`,
      body: JSON.stringify({ sha: before, force: true }),
    });
    const rewound = { ...pushPayload(target, { before: second.after, after: before }), forced: true };
    const result = await run("push", rewound);
    expect(result.code).toBe(0);
    const be4 = byId("BE-004");
    expect(be4.state).toBe("closed");
    expect(be4.state_reason).toBe("not_planned");
    expect(["BE-001", "BE-003"].map((id) => byId(id).state)).toEqual(["open", "open"]);
    expect(await syncedRecord()).toBe(before);
  });
});

describe("the Action handles what the App handles", { timeout: 180_000 }, () => {
  it("issues.edited: a tick moved in a managed issue's checklist is written back into the doc", async () => {
    const PLAN = "- [ ] CL-1 Ship the export\n  - [ ] write **tests**\n  - [ ] update docs\n- [ ] CL-2 Other\n";
    await run("push", push({ "docs/plan.md": PLAN }));
    const issue = byId("CL-1");
    const ticked = issue.body!.replace("- [ ] update docs", "- [x] update docs");
    await sim.actAs("octo-dev", "PATCH", `/repos/${FULL}/issues/${issue.number}`, { body: ticked });
    const result = await run("issues", issueEditedPayload(target, sim.issue(FULL, issue.number), issue.body!));
    expect(result.code).toBe(0);
    expect(sim.readFile(FULL, "main", "docs/plan.md")).toBe(PLAN.replace("- [ ] update docs", "- [x] update docs"));
  });

  it(
    "held removals are confirmed by removal.confirm, as in the App: hold, confirm commit, removals applied",
    { timeout: 180_000 },
    async () => {
      const tasks = Array.from({ length: 12 }, (_, i) => `BE-${String(i + 1).padStart(3, "0")} Task ${i + 1}`);
      await run("push", push({ "docs/plan.md": plan(...tasks) }));
      expect(issues()).toHaveLength(12);
      const emptied = push({ "docs/plan.md": "# Plan\n\nNothing planned.\n" });
      const held = await run("push", emptied);
      expect(held.code).toBe(1);
      expect(held.summary).toContain("12 removals held");
      expect(issues().filter((i) => i.state === "open")).toHaveLength(12);
      const record = sim.checkRuns(FULL).filter((r) => r.headSha === emptied.after && r.name === "plansync");
      expect(record).toHaveLength(1);
      expect(record[0]!.app.slug).toBe("github-actions");
      expect(record[0]!.output.text).toContain(
        `<!-- plansync-held: ${issues()
          .map((i) => i.number)
          .sort((a, b) => a - b)
          .join(",")} -->`,
      );
      const confirm = push({ ".github/plansync.yml": `removal:\n  confirm: ${emptied.after}\n` });
      const confirmed = await run("push", confirm);
      expect(confirmed.code).toBe(0);
      expect(issues().map((i) => [i.state, i.state_reason])).toEqual(Array(12).fill(["closed", "not_planned"]));
    },
  );
});
