import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { runActionProcess } from "./action-runner.js";

/**
 * The Action with a person's token (`token:` a PAT): held removals are recorded in a check run,
 * but GitHub lets only a GitHub App create check runs (a PAT gets 403, as the simulator answers),
 * so `removal.confirm` cannot confirm them in this door. The run says so plainly, and names the
 * ways on (the workflow's own token, or `removal.limit`), instead of asking for `checks: write`.
 */
const target = { owner: "octo", repo: "plans" };
const FULL = "octo/plans";
let sim: GitHubSim;
let server: RunningServer;
let dir: string;
beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "octo-dev", type: "User" } });
  sim.addRepo({ ...target, files: { "README.md": "# Plans\n" } });
  sim.setCollaborators(FULL, ["octo-dev"]);
  server = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "plansync-review-patconfirm-"));
});
afterEach(() => server.close());

const run = (payload: unknown) => runActionProcess(server, dir, "push", payload, { token: "ghp_octo_dev" });
function push(files: Record<string, string>) {
  const { sha, before } = sim.commitFiles(FULL, "main", files, "Update");
  return pushPayload(target, { before, after: sha });
}
const plan = (...t: string[]) => `# Plan\n\n## Tasks\n\n${t.map((x) => `- [ ] ${x}\n`).join("")}`;
const issues = () => sim.issues(FULL).filter((i) => !i.pull_request);

describe("removal.confirm in the Action run with a person's token", { timeout: 180_000 }, () => {
  it("held removals: the run says confirming needs the workflow's token, and tries no check run", async () => {
    const tasks = Array.from({ length: 12 }, (_, i) => `BE-${String(i + 1).padStart(3, "0")} Task ${i + 1}`);
    expect((await run(push({ "docs/plan.md": plan(...tasks) }))).code).toBe(0);
    expect(issues()).toHaveLength(12);
    const emptied = push({ "docs/plan.md": "# Plan\n\nNothing planned.\n" });
    const held = await run(emptied);
    expect(held.summary).toContain("12 removals held");
    expect(held.stdout).toContain(
      "::warning title=plansync::The held removals cannot be confirmed with `removal.confirm` when plansync runs with a person's token (octo-dev)",
    );
    expect(held.stdout).toContain(
      "leave `token` at `${{ github.token }}`, with `checks: write`), or raise `removal.limit`",
    );
    expect(held.stdout).not.toContain("grant the workflow `checks: write`");
    expect(sim.requests.filter((r) => r.method === "POST" && r.path.endsWith("/check-runs"))).toEqual([]);
    expect(issues().filter((i) => i.state === "closed")).toHaveLength(0);
  });
});
