import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { pullRequestPayload, pushPayload } from "../app/webhook-payloads.js";
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
  dir = mkdtempSync(join(tmpdir(), "plansync-review-cfg-"));
});
afterEach(async () => {
  await server.close();
});

const ids = () =>
  sim
    .issues(FULL)
    .filter((i) => !i.pull_request)
    .map((i) => readMarker(i.body)?.id)
    .sort();
function push(files: Record<string, string | null>) {
  const { sha, before } = sim.commitFiles(FULL, "main", files, "Update");
  return pushPayload(target, { before, after: sha });
}
const plan = (t: string) => `# Plan\n\n## Tasks\n\n- [ ] ${t}\n`;

describe("the Action's `config` input", { timeout: 180_000 }, () => {
  for (const configPath of [".github/plansync.yml", "plansync/config.yml"]) {
    it(`a push that changes only the config at ${configPath} applies it (paths widened)`, async () => {
      const inputs = { config: configPath };
      const first = await runActionProcess(
        server,
        dir,
        "push",
        push({
          [configPath]: 'paths: ["docs/**/*.md"]\n',
          "docs/a.md": plan("BE-001 Database"),
          "roadmap/r.md": plan("RD-001 Roadmap item"),
        }),
        inputs,
      );
      expect(first.code).toBe(0);
      expect(ids()).toEqual(["BE-001"]);
      const widened = await runActionProcess(
        server,
        dir,
        "push",
        push({ [configPath]: 'paths: ["docs/**/*.md", "roadmap/**/*.md"]\n' }),
        inputs,
      );
      expect(widened.code).toBe(0);
      expect(ids()).toEqual(["BE-001", "RD-001"]);
    });
  }

  it("a pull request that changes only the config at the `config` input's path gets a preview", async () => {
    const configPath = "plansync/config.yml";
    const inputs = { config: configPath };
    await runActionProcess(
      server,
      dir,
      "push",
      push({
        [configPath]: 'paths: ["docs/**/*.md"]\n',
        "docs/a.md": plan("BE-001 Database"),
        "roadmap/r.md": plan("RD-001 Roadmap item"),
      }),
      inputs,
    );
    const pr = sim.openPullRequest(FULL, {
      branch: "widen",
      changes: { [configPath]: 'paths: ["docs/**/*.md", "roadmap/**/*.md"]\n' },
    });
    const payload = pullRequestPayload(target, {
      action: "opened",
      number: pr.number,
      headSha: pr.headSha,
      headRef: "widen",
    });
    const run = await runActionProcess(server, dir, "pull_request", payload, inputs);
    expect(run.stdout).not.toContain("nothing to do");
    expect(run.summary).toContain("RD-001");
  });
});
