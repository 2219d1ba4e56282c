import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DOOR_PLAN } from "../door-plan.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { runBin } from "./cli-process.js";

const PLAN = `${DOOR_PLAN}- [ ] BE-004 Log-in endpoint\n`;

let sim: GitHubSim;
let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await (sim = newSim()).listen();
});
afterAll(() => server.close());

function newSim() {
  const s = new GitHubSim({ actor: { login: "octo-dev", type: "User" } });
  s.addRepo({ owner: "octo", repo: "plans", files: { "README.md": "# Plans\n" } });
  return s;
}

/** A working tree with the plan, not committed anywhere: the CLI reads it from disk. */
function workingTree(files: Record<string, string> = { "docs/plan.md": PLAN }): string {
  const dir = mkdtempSync(join(tmpdir(), "plansync-sync-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// The working trees here are plain directories, no git checkout: --force syncs them anyway (the
// refusal of a checkout that is not the branch's head is sync-checkout.test.ts's).
const sync = (cwd: string, ...args: string[]) =>
  runBin(["sync", "--repo", "octo/plans", "--force", ...args], { cwd, env });
const issues = () => sim.issues("octo/plans").filter((i) => !i.pull_request);

beforeEach(async () => {
  await server.close();
  server = await (sim = newSim()).listen();
  env = { GITHUB_TOKEN: "ghp_test", GITHUB_API_URL: `http://127.0.0.1:${server.port}` };
});

describe("plansync sync --dry-run", () => {
  it("prints what a sync would do, field by field, and writes nothing", async () => {
    const cwd = workingTree();
    const result = await sync(cwd, "--dry-run");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(sim.writes()).toEqual([]);
    const lines = result.stdout.trimEnd().split("\n");
    if (process.env.PLANSYNC_SHOW_OUTPUT) console.info(result.stdout);
    expect(lines[0]).toBe("plansync sync --dry-run: octo/plans, docs from the working tree");
    const cells = lines.map((l) => l.trim().split(/\s{2,}/));
    const row = (start: string) => cells.find((c) => c.slice(0, 2).join(" ") === start);
    expect(row("create BE-001")).toEqual([
      "create",
      "BE-001",
      "new",
      "title,body,labels,milestone,assignees",
      "BE-001: Set up the database · labels plansync · milestone M1: Foundations",
    ]);
    expect(row("create BE-002")?.[4]).toBe("BE-002: Add the users table · labels plansync · milestone M1: Foundations");
    // Ticked in the doc: made, then closed as done.
    expect(row("close BE-002")?.slice(0, 4)).toEqual(["close", "BE-002", "new", "body,state"]);
    expect(lines).toContain("Milestones");
    expect(row("create M1: Foundations")).toEqual(["create", "M1: Foundations", "new", "-", "due 2026-12-15"]);
    expect(row("blocked-by BE-003")).toEqual(["blocked-by", "BE-003", "new", "-", "blocked by BE-001"]);
    expect(lines.at(-1)).toBe(
      "Would create 4, update 0, close 1, reopen 0 issues, 1 milestone changes, 1 hierarchy links, 0 write-backs. Nothing was changed.",
    );
  });

  it("gives the same plan as JSON, and shows updates, closes and owed write-backs once issues exist", async () => {
    const cwd = workingTree();
    expect((await sync(cwd)).code).toBe(0);
    const [first] = issues().sort((a, b) => a.number - b.number);
    await sim.handle({ method: "PATCH", url: `/repos/octo/plans/issues/${first!.number}`, body: '{"state":"closed"}' });
    writeFileSync(
      join(cwd, "docs/plan.md"),
      PLAN.replace("Log-in endpoint", "Log-in endpoint with sessions").replace("- [ ] BE-003", "- [x] BE-003"),
    );
    sim.resetLog();
    const result = await sync(cwd, "--dry-run", "--json");
    expect(result.code).toBe(0);
    expect(sim.writes()).toEqual([]);
    const plan = JSON.parse(result.stdout);
    const byTask = (id: string) => plan.issues.find((r: { subject: string }) => r.subject === id);
    expect(byTask("BE-003")).toMatchObject({ action: "close", fields: ["body", "state"] });
    expect(byTask("BE-004")).toMatchObject({ action: "update", fields: ["title", "body"] });
    expect(byTask("BE-004").number).toBeGreaterThan(0);
    expect(plan.writeBacks).toEqual([{ number: first!.number, task: "BE-001", file: "docs/plan.md", state: "closed" }]);
    // BE-003 ticked: the milestone's progress line in its description moves on.
    expect(plan.milestones).toEqual([
      { action: "update", subject: "M1: Foundations", number: 1, fields: [], detail: "description" },
    ]);
    expect(plan.problems).toEqual([]);
  });

  it("exits 1 with the problem on a doc with an error, and 2 on a usage error", async () => {
    const cwd = workingTree({ "docs/plan.md": `${PLAN}- [ ] BE-001 Duplicate\n` });
    const result = await sync(cwd, "--dry-run", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).problems[0]).toMatchObject({ path: "docs/plan.md", line: 15, severity: "error" });
    const usage = await runBin(["sync", "--repo", "not a repo"], { cwd, env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--repo "not a repo" is not owner/name');
  });
});

describe("plansync sync", () => {
  it("without a token says how to set one, exits 2, and prints no stack trace", async () => {
    const result = await runBin(["sync", "--repo", "octo/plans"], { cwd: workingTree(), env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "plansync: no GitHub token: set GITHUB_TOKEN or GH_TOKEN (for example `export GH_TOKEN=$(gh auth token)`); it needs Issues read and write, and Contents read\n",
    );
    expect(result.stdout).toBe("");
  });

  it("stopped part-way, runs again to the end without a duplicate; a third run writes nothing", async () => {
    const cwd = workingTree();
    // The third create fails every attempt: the sync stops there, with two issues made.
    // Creates go through GraphQL: the first /graphql request resolves node ids, then one per create.
    sim.failNext({ method: "POST", pathIncludes: "/graphql", status: 500, after: 3, times: 3 });
    const first = await sync(cwd);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("Sync stopped part-way");
    expect(issues()).toHaveLength(2);
    const second = await sync(cwd);
    expect(second.code).toBe(0);
    const ids = issues().map((i) => i.title.split(":")[0]);
    expect(ids.sort()).toEqual(["BE-001", "BE-002", "BE-003", "BE-004"]);
    expect(issues().find((i) => i.title.startsWith("BE-002"))?.state).toBe("closed");
    sim.resetLog();
    const third = await sync(cwd);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain("Issues already match the docs");
    expect(sim.writes()).toEqual([]);
  });
});

describe("plansync pull", () => {
  it("ticks and unticks the working tree's boxes to match the issues, changing no other byte", async () => {
    const cwd = workingTree();
    expect((await sync(cwd)).code).toBe(0);
    const byId = (id: string) => issues().find((i) => i.title.startsWith(id))!;
    await sim.handle({
      method: "PATCH",
      url: `/repos/octo/plans/issues/${byId("BE-004").number}`,
      body: '{"state":"closed"}',
    });
    await sim.handle({
      method: "PATCH",
      url: `/repos/octo/plans/issues/${byId("BE-002").number}`,
      body: '{"state":"open"}',
    });
    sim.resetLog();
    const result = await runBin(["pull", "--repo", "octo/plans"], { cwd, env });
    expect(result.code).toBe(0);
    expect(sim.writes()).toEqual([]);
    expect(readFileSync(join(cwd, "docs/plan.md"), "utf8")).toBe(
      PLAN.replace("- [ ] BE-004", "- [x] BE-004").replace("- [x] BE-002", "- [ ] BE-002"),
    );
    expect(result.stdout).toContain(`tick BE-004 (#${byId("BE-004").number}) in docs/plan.md`);
    expect(result.stdout).toContain(`untick BE-002 (#${byId("BE-002").number}) in docs/plan.md`);
    const again = await runBin(["pull", "--repo", "octo/plans"], { cwd, env });
    expect(again.stdout).toBe("The docs already match the issues.\n");
  });
});
