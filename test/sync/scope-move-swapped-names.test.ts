import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/sync/reconcile.js";
import { config, docs, remote, syncedIssues } from "./scope-move-harness.js";

const A = "- [x] T001 Alpha model\n- [ ] T002 Alpha view\n";
const B = "- [ ] T001 Beta model\n- [x] T002 Beta view\n";

describe("two spec-kit feature folders that swap names (renumbering 001 <-> 002)", () => {
  it("does not repurpose one feature's issues for the other's tasks, closing and reopening them", () => {
    const issues = [
      ...syncedIssues({ "specs/001-a/tasks.md": A }),
      ...syncedIssues({ "specs/002-b/tasks.md": B }, config(), 3),
    ];
    expect(issues.map((i) => [i.number, i.title, i.state])).toEqual([
      [1, "T001 (001-a): Alpha model", "closed"],
      [2, "T002 (001-a): Alpha view", "open"],
      [3, "T001 (002-b): Beta model", "open"],
      [4, "T002 (002-b): Beta view", "closed"],
    ]);
    const result = reconcile(docs({ "specs/001-a/tasks.md": B, "specs/002-b/tasks.md": A }), remote(issues), config());
    const flips = result.operations.flatMap((o) =>
      o.kind === "update-issue" && o.state !== undefined && "number" in o.issue ? [o.issue.number] : [],
    );
    // Before the fix: #1 (done "Alpha model", with its discussion) is reopened as "Beta model", #2 closed as
    // "completed" though Alpha view is not done, and so on: four notifications, four issues whose
    // history now belongs to another task. Either following both moves or a removal and creation
    // would keep each issue on its own task; this changes no task's state, so it should flip none.
    expect(flips).toEqual([]);
  });
});
