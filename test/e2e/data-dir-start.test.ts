import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appCredentials } from "./app-credentials.js";
import { AppProcess, SERVER } from "./app-process.js";

/**
 * `npm start` without Redis keeps its queue under PLANSYNC_DATA_DIR: a directory it cannot write,
 * or one another running instance owns, stops the start (exit 1) saying which and what to do.
 * Needs `npm run build` (dist/) first.
 */

const { secret, privateKey } = appCredentials();
const root = mkdtempSync(join(tmpdir(), "plansync-data-dir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function startOnce(dataDir: string) {
  return spawnSync(process.execPath, [process.env.PLANSYNC_E2E_SERVER || SERVER], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: secret,
      PORT: "0",
      HOST: "127.0.0.1",
      PLANSYNC_DATA_DIR: dataDir,
    },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("the app's data directory at start", () => {
  it("refuses one it cannot write: exit 1, naming the directory, the errno and PLANSYNC_DATA_DIR", () => {
    writeFileSync(join(root, "a-file"), "not a directory");
    const dir = join(root, "a-file", "data");
    const run = startOnce(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`plansync cannot keep its job journal in "${dir}" (ENOTDIR: not a directory`);
    expect(run.stderr).toContain("Set PLANSYNC_DATA_DIR to a directory this process can create and write");
    // The message alone: a stack trace would bury what to fix.
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses one a running instance owns, naming that instance's pid", async () => {
    const dir = join(root, "shared");
    const first = new AppProcess({ name: "first", secret, privateKey, simPort: 1, env: { PLANSYNC_DATA_DIR: dir } });
    try {
      await first.start();
      const run = startOnce(dir);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`plansync's job journal in "${dir}" is in use by process ${first.child!.pid}`);
      expect(run.stderr).toContain("give this instance its own PLANSYNC_DATA_DIR");
    } finally {
      await first.stop();
    }
  }, 40_000);
});
