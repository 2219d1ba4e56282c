import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import { runActionProcess } from "../action/action-runner.js";

const target = { owner: OWNER, repo: REPO };
const PLAN = "# Plan\n\n## Tasks\n\n- [ ] BE-001 Database\n- [ ] BE-002 API\n";
const FILES = { ".github/plansync.yml": "branch: release\n", "docs/plan.md": PLAN };

/**
 * `git push origin main:release`: the synced branch (config `branch: release`) is created at a
 * commit that already exists. GitHub's push event then has `created: true`, `forced: false` and
 * an empty `commits` list (the commits are not new to the repository), like the real
 * `created: true` examples in @octokit/webhooks-examples.
 */
function branchCreatedPayload(sha: string) {
  const payload = pushPayload(target, { ref: "refs/heads/release", before: "0".repeat(40), after: sha });
  payload.created = true;
  payload.commits = [];
  payload.base_ref = "refs/heads/main";
  return payload;
}

async function createRelease(sim: GitHubSim) {
  const sha = sim.headSha(FULL, "main");
  const res = await sim.handle({
    method: "POST",
    url: `/repos/${FULL}/git/refs`,
    body: JSON.stringify({ ref: "refs/heads/release", sha }),
  });
  expect(res.status).toBe(201);
  return sha;
}

const idsIn = (sim: GitHubSim) =>
  sim
    .issues(FULL)
    .filter((i) => !i.pull_request)
    .map((i) => readMarker(i.body)?.id)
    .sort();

let app: ReturnType<typeof startApp> | undefined;
afterEach(() => app?.stop());

describe("the synced branch created at an existing commit", { timeout: 120_000 }, () => {
  it("the Action syncs it (control)", async () => {
    const sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
    sim.addRepo({ ...target, files: FILES });
    const server = await sim.listen();
    try {
      const sha = await createRelease(sim);
      const dir = mkdtempSync(join(tmpdir(), "plansync-review-branch-"));
      const result = await runActionProcess(server, dir, "push", branchCreatedPayload(sha));
      expect(result.code).toBe(0);
      expect(idsIn(sim)).toEqual(["BE-001", "BE-002"]);
    } finally {
      await server.close();
    }
  });

  it("the App, given the same payload, syncs it too", async () => {
    app = startApp(FILES);
    const sha = await createRelease(app.sim);
    await app.receive("push", branchCreatedPayload(sha));
    expect(app.errors).toEqual([]);
    expect(idsIn(app.sim)).toEqual(["BE-001", "BE-002"]);
  });
});
