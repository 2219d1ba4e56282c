import { describe, expect, it } from "vitest";
import { renderSyncPlan, syncPlanJson, type SyncPlan } from "../../src/cli/render-sync-plan.js";
import type { Operation } from "../../src/sync/sync-types.js";

/** `plansync sync --dry-run` shows the board's changes in a section of their own. */

const board = { project: "orgs/acme/7", projectId: "PVT_1" };
const operations: Operation[] = [
  { kind: "add-project-item", issue: { number: 12 }, taskId: "T001", ...board },
  {
    kind: "set-project-field",
    issue: { number: 12 },
    taskId: "T001",
    ...board,
    fieldId: "F1",
    field: "Status",
    value: { singleSelectOptionId: "a1" },
  },
  {
    kind: "set-project-field",
    issue: { taskId: "T002" },
    taskId: "T002",
    ...board,
    fieldId: "F2",
    field: "Estimate",
    value: null,
  },
];
const plan: SyncPlan = {
  repo: "octo/plans",
  at: "working tree",
  sha: "0".repeat(40),
  operations,
  writeBacks: [],
  held: [],
  files: [],
};

describe("the dry run's board section", () => {
  it("lists each add, set and clear, and counts them", () => {
    expect(syncPlanJson(plan).board).toEqual([
      { action: "add", subject: "T001", number: 12, fields: [], detail: "orgs/acme/7" },
      { action: "set", subject: "T001", number: 12, fields: [], detail: "Status" },
      { action: "clear", subject: "T002", number: null, fields: [], detail: "Estimate" },
    ]);
    const text = renderSyncPlan(plan);
    expect(text).toContain(
      "\nBoard\n  add    T001  #12  -  orgs/acme/7\n  set    T001  #12  -  Status\n  clear  T002  new  -  Estimate\n",
    );
    expect(text).toContain(", 3 board changes, 0 write-backs.");
  });
});
