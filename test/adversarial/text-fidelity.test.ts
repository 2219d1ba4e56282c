import { locateTask } from "../../src/sync/collect-tasks.js";
import { createScoper } from "../../src/sync/task-scope.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

const config = (raw: unknown = null) => {
  const result = readConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
};

describe("the title template", () => {
  it("inserts `$&`, `$1` and `{id}` in a title literally", () => {
    const task = parsePlan("- [ ] TT-1 Costs $& and $1 and {id} and $$\n").tasks[0]!;
    const desired = desiredIssue(
      locateTask({ path: "docs/p.md", plan: parsePlan("") }, task, createScoper([])),
      config({ issues: { title: "[{id}] {title}" } }),
    );
    expect(desired.title).toBe("[TT-1] Costs $& and $1 and {id} and $$");
  });
});

describe("the UTF-8 byte order mark", () => {
  const BOM_PLAN = "\uFEFF# Plan\n\n- [ ] BM-1 First\n- [ ] BM-2 Second\n";

  it("survives `plansync mark`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plansync-bom-"));
    const path = join(dir, "plan.md");
    writeFileSync(path, BOM_PLAN);
    const code = await runCli(["mark", path, "BM-1", "--done"], {
      out: () => {},
      err: () => {},
      writeFile: (p, text) => writeFileSync(p, text),
    });
    expect(code).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(BOM_PLAN.replace("[ ] BM-1", "[x] BM-1"));
  });

  describe("in the app", () => {
    let app: TestApp;
    checkAfterEach(() => app);

    it("survives a write-back", async () => {
      app = startApp({});
      await app.push({ "docs/plan.md": BOM_PLAN });
      const issue = (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === "BM-2");
      await app.sim.handle({
        method: "PATCH",
        url: `/repos/${FULL}/issues/${issue.number}`,
        body: JSON.stringify({ state: "closed" }),
      });
      await app.receive(
        "issues",
        issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, issue.number), "closed"),
      );
      expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(BOM_PLAN.replace("[ ] BM-2", "[x] BM-2"));
    });
  });
});
