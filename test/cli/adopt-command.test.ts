import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { runBin } from "./cli-process.js";

const FULL = "octo/plans";
const PLAN = "# Plan\n\n- [ ] BE-001 Set up the database\n- [ ] BE-002 Add the users table\n";

let sim: GitHubSim;
let server: RunningServer;
let env: Record<string, string>;

beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "octo-dev", type: "User" } });
  sim.addRepo({ owner: "octo", repo: "plans", files: { "README.md": "# Plans\n" } });
  server = await sim.listen();
  env = { GITHUB_TOKEN: "ghp_test", GITHUB_API_URL: `http://127.0.0.1:${server.port}` };
});
afterEach(() => server.close());

function workingTree(): string {
  const dir = mkdtempSync(join(tmpdir(), "plansync-adopt-"));
  mkdirSync(join(dir, "docs"));
  writeFileSync(join(dir, "docs/plan.md"), PLAN);
  return dir;
}

async function aliceOpens(title: string) {
  const response = await sim.handle({
    method: "POST",
    url: `/repos/${FULL}/issues`,
    headers: { "x-sim-actor": "alice" },
    body: JSON.stringify({ title, body: "Written by alice." }),
  });
  return (response.body as { number: number }).number;
}

// --force: the working tree is no git checkout, so there is no HEAD to check (sync-command.ts).
const run = (cwd: string, command: string) => runBin([command, "--repo", FULL, "--force"], { cwd, env });

describe("plansync adopt", () => {
  it("links the look-alike issue where sync would wait, and a second run writes nothing", async () => {
    sim.setCollaborators(FULL, ["octo-dev", "alice"]);
    const number = await aliceOpens("BE-001: Set up the database");
    const cwd = workingTree();
    const waited = await run(cwd, "sync");
    expect(waited.code).toBe(0);
    expect(sim.issues(FULL).filter((i) => i.title.startsWith("BE-001"))).toHaveLength(1);
    expect(waited.stdout).toContain(`#${number} looks like the issue of BE-001 (opened by alice)`);

    const adopted = await run(cwd, "adopt");
    expect(adopted.stderr).toBe("");
    expect(adopted.code).toBe(0);
    const issue = sim.issue(FULL, number)!;
    expect(issue.body?.startsWith("Written by alice.")).toBe(true);
    expect(readMarker(issue.body)).toMatchObject({ id: "BE-001", file: "docs/plan.md", state: "open" });
    expect(sim.issues(FULL).filter((i) => readMarker(i.body)?.id === "BE-001")).toHaveLength(1);
    expect(sim.issues(FULL).filter((i) => readMarker(i.body)?.id === "BE-002")).toHaveLength(1);

    sim.resetLog();
    expect((await run(cwd, "adopt")).code).toBe(0);
    expect(sim.writes()).toEqual([]);
  });

  it("is refused, writing nothing, for a token whose user cannot push", async () => {
    sim.setCollaborators(FULL, ["alice"]);
    await aliceOpens("BE-001: Set up the database");
    sim.resetLog();
    const refused = await run(workingTree(), "adopt");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "octo-dev cannot push to octo/plans, and only people who can push may adopt issues",
    );
    expect(sim.writes()).toEqual([]);
  });
});
