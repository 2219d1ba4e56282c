import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { parsePlan } from "../../src/plan/index.js";
import { desiredIssue, ownedLabels } from "../../src/sync/desired-issue.js";
import { mergeLabels } from "../../src/sync/reconcile-labels.js";

/**
 * README: `status: In Progress` is "open with the `labels.inProgress` label". plansync adds that
 * label, but it is in no family plansync owns (MANAGED_PREFIXES), so mergeLabels keeps it when the
 * file goes back to `To Do`: the issue says "in progress" forever after, and the doc and the issue
 * disagree with nothing reported. Backlog.md users move tasks To Do ↔ In Progress all the time.
 */
const config = configSchema.parse({});

function labelsFor(status: string): string[] {
  const plan = parsePlan(["---", "id: task-4", "title: Refunds", `status: ${status}`, "---", ""].join("\n"));
  const task = plan.tasks[0]!;
  return desiredIssue({ task, file: { path: "backlog/tasks/task-4.md", plan }, scope: null, key: task.id }, config)
    .labels;
}

describe("the in-progress label of a task file", () => {
  it("is added while the status is In Progress", () => {
    expect(labelsFor("In Progress")).toContain("in progress");
  });

  it("is taken off the issue when the status goes back to To Do", () => {
    const onIssue = labelsFor("In Progress");
    expect(mergeLabels(onIssue, labelsFor("To Do"))).not.toContain("in progress");
  });
});

describe("the in-progress label of a boxed task", () => {
  function boxedLabels(box: string): string[] {
    const plan = parsePlan(`- [${box}] BE-1 Build it\n`);
    const task = plan.tasks[0]!;
    return desiredIssue({ task, file: { path: "docs/plan.md", plan }, scope: null, key: task.id }, config).labels;
  }

  it("is taken off when `[~]` goes back to `[ ]`, and a human's other labels stay", () => {
    expect(boxedLabels("~")).toContain("in progress");
    expect(mergeLabels([...boxedLabels("~"), "needs design"], boxedLabels(" "))).toEqual(["needs design", "plansync"]);
  });

  it("is a human's label when labels.inProgress names another or none", () => {
    const none = configSchema.parse({ labels: { inProgress: null } });
    expect(ownedLabels(none)).toEqual([]);
    expect(mergeLabels(["in progress", "plansync"], ["plansync"], ownedLabels(none))).toEqual([
      "in progress",
      "plansync",
    ]);
    const doing = configSchema.parse({ labels: { inProgress: "doing" } });
    expect(mergeLabels(["Doing", "plansync"], ["plansync"], ownedLabels(doing))).toEqual(["plansync"]);
  });
});
