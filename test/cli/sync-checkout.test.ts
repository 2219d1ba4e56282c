import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DOOR_PLAN } from "../door-plan.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { runBin } from "./cli-process.js";
import { checkoutFromSim } from "./sim-checkout.js";

const PLAN = `${DOOR_PLAN}- [ ] BE-004 Log-in endpoint\n`;

let sim: GitHubSim;
let server: RunningServer;
let env: Record<string, string>;

beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "octo-dev", type: "User" } });
  sim.addRepo({ owner: "octo", repo: "plans", files: { "README.md": "# Plans\n", "docs/plan.md": PLAN } });
  server = await sim.listen();
  env = { GITHUB_TOKEN: "ghp_test", GITHUB_API_URL: `http://127.0.0.1:${server.port}` };
});
afterEach(() => server.close());

const sync = (cwd: string, ...args: string[]) => runBin(["sync", "--repo", "octo/plans", ...args], { cwd, env });
const issues = () => sim.issues("octo/plans").filter((i) => !i.pull_request);
const ids = () =>
  issues()
    .map((i) => i.title.split(":")[0])
    .sort();

/** A clone of main; then someone pushes a new task upstream, so the clone is one commit behind. */
function behindByOne(): { cwd: string; local: string; remote: string } {
  const cwd = mkdtempSync(join(tmpdir(), "plansync-checkout-"));
  const local = checkoutFromSim(sim, "octo/plans", "main", cwd);
  const { sha } = sim.commitFiles(
    "octo/plans",
    "main",
    { "docs/plan.md": `${PLAN}- [ ] BE-005 Upstream task\n` },
    "Add BE-005",
  );
  return { cwd, local, remote: sha };
}

describe("plansync sync from a git checkout", () => {
  it("one commit behind the branch: refuses, says which commits and what to run, and writes nothing", async () => {
    const { cwd, local, remote } = behindByOne();
    sim.resetLog();
    const result = await sync(cwd);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `plansync: refused: this checkout is at ${local}, but main on octo/plans is at ${remote}.`,
    );
    expect(result.stderr).toContain("Run `git pull`");
    expect(result.stderr).toContain("or pass --force to sync this working tree anyway; nothing was written.");
    expect(sim.writes()).toEqual([]);
    expect(sim.reads().filter((r) => r.operationId === "git/get-ref")).toHaveLength(1);
    expect(issues()).toEqual([]);
  });

  it("one commit behind, --dry-run still shows its plan, with the same warning, and writes nothing", async () => {
    const { cwd, local, remote } = behindByOne();
    sim.resetLog();
    const result = await sync(cwd, "--dry-run");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `plansync: warning: this checkout is at ${local}, but main on octo/plans is at ${remote}.`,
    );
    expect(result.stdout.split("\n")[0]).toBe(
      `plansync sync --dry-run: octo/plans, docs from the working tree (${local.slice(0, 7)})`,
    );
    expect(sim.writes()).toEqual([]);
  });

  it("with --force, syncs the working tree as it is", async () => {
    const { cwd } = behindByOne();
    const result = await sync(cwd, "--force");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(ids()).toEqual(["BE-001", "BE-002", "BE-003", "BE-004"]);
  });

  it("at the branch's head, a task deleted in the working tree closes nothing: the removal is reported as skipped", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "plansync-checkout-"));
    checkoutFromSim(sim, "octo/plans", "main", cwd);
    const first = await sync(cwd);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(ids()).toEqual(["BE-001", "BE-002", "BE-003", "BE-004"]);
    const be4 = issues().find((i) => i.title.startsWith("BE-004"))!;
    const file = join(cwd, "docs/plan.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("- [ ] BE-004 Log-in endpoint\n", ""));
    sim.resetLog();
    const result = await sync(cwd);
    expect(result.code).toBe(0);
    // The milestone's progress line counts the tasks here; the issue is left alone.
    expect(sim.writes().map((w) => `${w.method} ${w.path}`)).toEqual(["PATCH /repos/octo/plans/milestones/1"]);
    expect(sim.issue("octo/plans", be4.number)?.state).toBe("open");
    expect(sim.comments("octo/plans", be4.number)).toEqual([]);
    expect(result.stderr).toContain(
      "plansync: 1 removal skipped: a sync from a working tree never closes or labels an issue whose task is missing",
    );
    expect(result.stderr).toContain(`  #${be4.number} BE-004 (docs/plan.md)`);
    const dry = await sync(cwd, "--dry-run", "--json");
    expect(JSON.parse(dry.stdout).skippedRemovals).toEqual([
      { number: be4.number, task: "BE-004", file: "docs/plan.md", state: "open" },
    ]);
  });
});
