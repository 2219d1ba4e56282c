import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import { runActionProcess } from "../action/action-runner.js";

/**
 * `branch: release`: the config is read from the default branch (main), the docs from release.
 * A config change pushed to main (widening `paths`) is a push to a branch that is not synced, so
 * neither door does the full scan a config change needs; later pushes to release sync only the
 * files they touch, and the newly included plan file is never read.
 */
const target = { owner: OWNER, repo: REPO };
const plan = (...t: string[]) => `# Plan\n\n## Tasks\n\n${t.map((x) => `- [ ] ${x}\n`).join("")}`;
const FILES = {
  ".github/plansync.yml": 'branch: release\npaths: ["docs/**/*.md"]\n',
  "docs/a.md": plan("BE-001 Database"),
  "roadmap/r.md": plan("RD-001 Roadmap item"),
};
const WIDER = 'branch: release\npaths: ["docs/**/*.md", "roadmap/**/*.md"]\n';
const idsIn = (sim: GitHubSim) =>
  sim
    .issues(FULL)
    .filter((i) => !i.pull_request)
    .map((i) => readMarker(i.body)?.id)
    .sort();

let app: ReturnType<typeof startApp> | undefined;
afterEach(() => app?.stop());

describe("a config change on the default branch when `branch:` names another", { timeout: 180_000 }, () => {
  it("the App applies the widened paths by the next push to the synced branch", async () => {
    app = startApp(FILES);
    await app.push({ "docs/a.md": plan("BE-001 Database", "BE-002 API") }, { ref: "refs/heads/release" });
    expect(idsIn(app.sim)).toEqual(["BE-001", "BE-002"]);
    await app.push({ ".github/plansync.yml": WIDER }); // on main
    await app.push({ "docs/a.md": plan("BE-001 Database", "BE-002 API", "BE-003 UI") }, { ref: "refs/heads/release" });
    expect(app.errors).toEqual([]);
    expect(idsIn(app.sim)).toEqual(["BE-001", "BE-002", "BE-003", "RD-001"]);
  });

  // Not fixed yet: the Action's push payload lists no files, and its record (synced-ref.ts) keeps
  // only the synced branch's commit, so a config change on the default branch goes unnoticed.
  it.skip("the Action applies the widened paths by the next push to the synced branch", async () => {
    const sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
    sim.addRepo({ ...target, files: FILES });
    const server = await sim.listen();
    const dir = mkdtempSync(join(tmpdir(), "plansync-review-cfgmain-"));
    const push = (branch: string, files: Record<string, string>) => {
      const { sha, before } = sim.commitFiles(FULL, branch, files, "Update");
      return runActionProcess(
        server,
        dir,
        "push",
        pushPayload(target, { ref: `refs/heads/${branch}`, before, after: sha }),
      );
    };
    try {
      expect((await push("release", { "docs/a.md": plan("BE-001 Database", "BE-002 API") })).code).toBe(0);
      expect(idsIn(sim)).toEqual(["BE-001", "BE-002"]);
      expect((await push("main", { ".github/plansync.yml": WIDER })).code).toBe(0);
      const third = await push("release", { "docs/a.md": plan("BE-001 Database", "BE-002 API", "BE-003 UI") });
      expect(third.code).toBe(0);
      expect(idsIn(sim)).toEqual(["BE-001", "BE-002", "BE-003", "RD-001"]);
    } finally {
      await server.close();
    }
  });
});
