import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppProcess } from "./app-process.js";
import { runTrial, type Scenario } from "./crash-sweep.js";

/**
 * The sweep must tell a recovery from none. A deliberately broken restart, whose journal is gone
 * (as if the app dropped PLANSYNC_DATA_DIR on restart, or never replayed it), must fail every CI
 * memory case of crash-sweep.test.ts; at sync k = 5 and write-back k = 1 it once passed, the
 * repository then already matching the model's doc and issues. Needs `npm run build` (dist/) or
 * PLANSYNC_E2E_SERVER.
 */
const lost: string[] = [];
const start = AppProcess.prototype.start;
AppProcess.prototype.start = function (this: AppProcess, ...args: Parameters<typeof start>) {
  const options = (this as unknown as { options: { name: string; env?: Record<string, string> } }).options;
  if (options.name === "restarted" && options.env?.PLANSYNC_DATA_DIR) {
    const empty = mkdtempSync(join(tmpdir(), "plansync-lost-journal-"));
    lost.push(empty);
    options.env = { ...options.env, PLANSYNC_DATA_DIR: empty };
  }
  return start.apply(this, args);
};
afterAll(() => {
  AppProcess.prototype.start = start;
  for (const dir of lost.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent("the crash sweep fails a restart that recovers nothing", () => {
  const cases: [Scenario, number, RegExp][] = [
    ["sync", 1, /^CR-1 has 0 issues/],
    ["sync", 3, /^CR-3 has 0 issues/],
    ["sync", 5, /has 0 completed successful plansync check runs/],
    ["write-back", 1, /is closed but its marker records open/],
  ];
  for (const [scenario, k, shown] of cases)
    it(`memory: ${scenario} killed after write ${k}, restarted with its journal lost`, async () => {
      const result = await runTrial({ scenario, backend: "memory", tasks: 3, k, convergeMs: 15_000 });
      expect(result.writesBeforeKill).toBe(k);
      expect(result.problems).toContainEqual(expect.stringMatching(shown));
      expect(result.problems).toContain(`the restarted process ran no ${scenario} job: it resumed nothing`);
    }, 180_000);
});
