import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSettings, integerSetting, SettingsError } from "../../src/app/job-settings.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** `npm start`'s entry point run from source, with `env` added; its exit and output, or null if it kept running. */
function startServer(env: Record<string, string>, waitMs = 20_000) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string } | null>((resolve) => {
    const timer = setTimeout(() => (child.kill("SIGKILL"), resolve(null)), waitMs);
    child.once("exit", (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

describe("settings", () => {
  it("a bad SHUTDOWN_TIMEOUT_MS stops the start with what to fix, before anything listens", async () => {
    const result = await startServer({ SHUTDOWN_TIMEOUT_MS: "abc" });
    expect(result).not.toBeNull();
    expect(result!.code).toBe(1);
    expect(result!.stderr).toContain(
      'SHUTDOWN_TIMEOUT_MS is "abc"; expected a whole number of at least 1 (milliseconds). Unset, it is 60000. Fix or unset it.',
    );
    expect(result!.stdout).not.toContain("Listening");
  }, 30_000);

  it("names every bad setting at once, and never echoes REDIS_URL, which may hold a password", () => {
    const env = {
      SHUTDOWN_TIMEOUT_MS: "-1",
      RECONCILE_INTERVAL_MS: "1.5",
      JOB_ATTEMPTS: "0",
      PARSE_THREADS: "two",
      REDIS_URL: "http://:hunter2@redis:6379",
    };
    let error: unknown;
    try {
      checkSettings(env);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems).toEqual([
      'JOB_ATTEMPTS is "0"; expected a whole number of at least 1 (tries). Unset, it is 3. Fix or unset it.',
      'PARSE_THREADS is "two"; expected a whole number of at least 1 (threads). Unset, it is one fewer than the cores, at most 2. Fix or unset it.',
      'RECONCILE_INTERVAL_MS is "1.5"; expected a whole number of at least 0 (milliseconds; 0 turns it off). Unset, it is 86400000. Fix or unset it.',
      'SHUTDOWN_TIMEOUT_MS is "-1"; expected a whole number of at least 1 (milliseconds). Unset, it is 60000. Fix or unset it.',
      "REDIS_URL is not a redis:// or rediss:// URL (its value is not shown: it may hold a password). Unset, jobs run in this process. Fix or unset it.",
    ]);
    expect((error as Error).message).toMatch(/^plansync cannot start: 5 settings are invalid\n- JOB_ATTEMPTS/);
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("takes good values and defaults", () => {
    expect(() => checkSettings({ SHUTDOWN_TIMEOUT_MS: "5000", REDIS_URL: "rediss://:pw@host:6380/2" })).not.toThrow();
    expect(integerSetting({}, "SHUTDOWN_TIMEOUT_MS")).toBe(60_000);
    expect(integerSetting({ SHUTDOWN_TIMEOUT_MS: "" }, "SHUTDOWN_TIMEOUT_MS")).toBe(60_000);
    expect(integerSetting({ SHUTDOWN_TIMEOUT_MS: "2500" }, "SHUTDOWN_TIMEOUT_MS")).toBe(2500);
    expect(integerSetting({}, "RECONCILE_INTERVAL_MS")).toBe(86_400_000);
  });
});
