import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { checkoutFromSim } from "./sim-checkout.js";

/** The CLI from source (no dist to rebuild), in its own process. */
const SOURCE = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const TSX = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
function cli(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, SOURCE, ...args],
      { cwd, env: { PATH: process.env.PATH ?? "", HOME: cwd, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const OLD = "# Plan\n\n## Tasks\n\n- [ ] BE-001 Database\n- [ ] BE-002 API\n";
const NOW = "# Plan\n\n## Tasks\n\n- [x] BE-001 Database\n- [ ] BE-002 API\n";

let sim: GitHubSim;
let server: RunningServer;
let env: Record<string, string>;
beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "octo-dev", type: "User" } });
  sim.addRepo({ owner: "octo", repo: "plans", files: { "README.md": "# Plans\n", "docs/plan.md": NOW } });
  server = await sim.listen();
  env = { GITHUB_TOKEN: "ghp_test", GITHUB_API_URL: `http://127.0.0.1:${server.port}` };
});
afterEach(() => server.close());

const be001 = () => sim.issues("octo/plans").find((i) => readMarker(i.body)?.id === "BE-001")!;

/** GitHub follows main: BE-001 is ticked there, so its issue is closed. */
async function syncedFromMain() {
  const dir = mkdtempSync(join(tmpdir(), "plansync-review-main-"));
  checkoutFromSim(sim, "octo/plans", "main", dir);
  const first = await cli(["sync", "--repo", "octo/plans"], dir, env);
  expect(first.code).toBe(0);
  expect(be001().state).toBe("closed");
}

/** An old copy of the docs (BE-001 not yet ticked), in a directory whose HEAD git cannot name. */
function oldCopy(kind: "not-git" | "no-commits") {
  const dir = mkdtempSync(join(tmpdir(), `plansync-review-${kind}-`));
  if (kind === "no-commits") execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  mkdirSync(join(dir, "docs"));
  writeFileSync(join(dir, "docs/plan.md"), OLD);
  return dir;
}

describe("plansync sync where the checkout's HEAD cannot be read", { timeout: 120_000 }, () => {
  for (const kind of ["not-git", "no-commits"] as const) {
    it(`${kind}: refuses, as for any checkout not at main's head, and reopens nothing`, async () => {
      await syncedFromMain();
      const result = await cli(["sync", "--repo", "octo/plans"], oldCopy(kind), env);
      expect(be001().state).toBe("closed");
      expect(result.stderr).toContain("refused");
    });
  }
});
