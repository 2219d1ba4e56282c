// PLANSYNC_ETAG_CACHE_MB is a setting like the others: a wrong value is reported by the start-up
// check with the rest (the variable, the value, the default), and the CLI stops on it as a usage
// error (exit 2), never as an internal error.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSettings, SettingsError } from "../../src/app/job-settings.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    checkSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("PLANSYNC_ETAG_CACHE_MB set wrong", () => {
  it("is reported by the start-up check with the other settings, naming its value and its default", () => {
    const problems = problemsOf({ PLANSYNC_ETAG_CACHE_MB: "lots", JOB_ATTEMPTS: "0" });
    expect(problems).toHaveLength(2);
    const etag = problems.find((p) => p.includes("PLANSYNC_ETAG_CACHE_MB"));
    expect(etag).toBeDefined();
    expect(etag).toContain('"lots"');
    expect(etag).toContain("32");
  });
});

// The CLI as built (`npm test` builds dist/ before vitest runs).
const BIN = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

describe.runIf(existsSync(BIN))("the CLI with PLANSYNC_ETAG_CACHE_MB set wrong", () => {
  it("stops as a usage error (exit 2) naming the setting, not as an internal error", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "plansync-etag-setting-"));
    writeFileSync(join(cwd, "plan.md"), "# Plan\n\n- [ ] BE-001 Set up\n");
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [BIN, "sync", "--repo", "octo/plans", "--force", "--dry-run", "plan.md"],
        {
          cwd,
          env: {
            PATH: process.env.PATH ?? "",
            HOME: cwd,
            GITHUB_TOKEN: "ghp_test",
            GITHUB_API_URL: "http://127.0.0.1:9",
            PLANSYNC_ETAG_CACHE_MB: "lots",
          },
        },
        (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stderr }),
      ),
    );
    expect(result.stderr).toContain("PLANSYNC_ETAG_CACHE_MB");
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(2);
  });
});
