import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { checkReport, type ReportInput } from "../../src/sync/check-report.js";
import { locateTask } from "../../src/sync/collect-tasks.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { reconcileIssue } from "../../src/sync/reconcile-issue.js";
import { renderBody } from "../../src/sync/render-body.js";
import type { Operation } from "../../src/sync/sync-types.js";
import { createScoper } from "../../src/sync/task-scope.js";
import { remoteIssue } from "./scope-move-harness.js";

const PROJECT = { project: "orgs/acme/7", projectId: "PVT_7" };
const link = { htmlUrl: "https://github.com/o/r", sha: "abc" };

/** Existing issues #1..#n put on a new board: per issue a marker PATCH, an add, a Status write. */
function existingOntoBoard(n: number): Operation[] {
  return Array.from({ length: n }, (_, i) => i + 1).flatMap((number): Operation[] => {
    const taskId = `T00${number}`;
    const issue = { number };
    return [
      { kind: "update-issue", issue, taskId, reason: "board values recorded", body: "b" },
      { kind: "add-project-item", issue, taskId, ...PROJECT },
      {
        kind: "set-project-field",
        issue,
        taskId,
        ...PROJECT,
        fieldId: "F-status",
        field: "Status",
        value: { singleSelectOptionId: "O-todo" },
      },
    ];
  });
}

function report(input: Partial<ReportInput>) {
  return checkReport({
    htmlUrl: link.htmlUrl,
    done: [],
    pending: [],
    dryRun: false,
    files: [],
    notes: [],
    ...input,
  });
}

describe("the check run counts board work", () => {
  it("a sync putting existing issues on a board counts its cards and fields, not just the marker updates", () => {
    const ops = existingOntoBoard(4);
    const run = report({ done: ops.map((op) => ({ op })) });
    expect(run.summary).toContain("Issues created: 0, updated: 4");
    expect(run.summary).toContain("Board: 4 cards added, 4 fields set.");
    expect(run.title).toBe("Updated 4 issues; 4 board cards, 4 board fields");
    // The table keeps one row per board write.
    expect(run.text.match(/added to the board \| done/g)).toHaveLength(4);
    expect(run.text.match(/board Status set \| done/g)).toHaveLength(4);
  });

  it("board writes left by a stop or refused by GitHub are counted as not done", () => {
    const ops = existingOntoBoard(2);
    const [first, ...rest] = ops;
    const run = report({
      done: [{ op: first! }, { op: rest[0]! }],
      refused: [{ op: rest[1]!, message: "no such option" }],
      pending: rest.slice(2),
      failure: "Server Error",
    });
    expect(run.summary).toContain("Board: 1 card added, 0 fields set; not done: 1 card to add, 2 fields to set.");
  });

  it("a paused sync counts what it left as not done", () => {
    const ops = existingOntoBoard(1);
    const run = report({ done: [{ op: ops[0]! }], pending: ops.slice(1), failure: "rate limit", pausedForMs: 60_000 });
    expect(run.summary).toContain("Board: 0 cards added, 0 fields set; not done: 1 card to add, 1 field to set.");
  });

  it("a dry run and a preview say what would be written; a cleared field is counted apart", () => {
    const ops: Operation[] = [
      ...existingOntoBoard(2),
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...PROJECT,
        fieldId: "F-priority",
        field: "Priority",
        value: null,
      },
    ];
    const dry = report({ pending: ops, dryRun: true });
    expect(dry.summary).toContain("Board: 2 cards would be added, 2 fields would be set, 1 field would be cleared.");
    expect(dry.summary).not.toContain("not done");
    expect(dry.title).toBe("Dry run: would update 2 issues; 2 board cards, 3 board fields");
    const preview = report({ pending: ops, dryRun: true, preview: { base: "main" } });
    expect(preview.summary).toContain(
      "Board: 2 cards would be added, 2 fields would be set, 1 field would be cleared.",
    );
  });

  it("a sync without board work has no board line", () => {
    const run = report({
      done: [{ op: { kind: "update-issue", issue: { number: 1 }, taskId: "T001", reason: "title changed" } }],
    });
    expect(run.summary).not.toContain("Board:");
    expect(run.title).toBe("Updated 1 issue");
  });
});

describe("an update whose only change is the marker's board record", () => {
  const config = () => {
    const result = readConfig(null);
    if (!result.ok) throw new Error(result.errors.join("; "));
    return result.config;
  };
  const desired = () => {
    const plan = parsePlan("- [ ] A-1 one\n");
    return desiredIssue(locateTask({ path: "docs/p.md", plan }, plan.tasks[0]!, createScoper([])), config());
  };
  const existing = () => {
    const d = desired();
    return remoteIssue(d, renderBody(d, link, "open"), "open", 7);
  };

  it("is described as board values recorded, not links recorded", () => {
    const onBoard = { ...desired(), board: { p: "orgs/acme/7", f: { status: "todo" as const } } };
    const [update] = reconcileIssue(onBoard, existing(), link);
    expect(update).toMatchObject({ kind: "update-issue", reason: "board values recorded" });
  });

  it("names links and board values when both records change, and links alone as before", () => {
    const both = { ...desired(), deps: ["A-2"], board: { p: "orgs/acme/7", f: { status: "todo" as const } } };
    expect(reconcileIssue(both, existing(), link)[0]).toMatchObject({ reason: "links and board values recorded" });
    const links = { ...desired(), deps: ["A-2"] };
    expect(reconcileIssue(links, existing(), link)[0]).toMatchObject({ reason: "links recorded" });
  });
});
