import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { parsePlan } from "../../src/plan/index.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { missingLabels } from "../../src/sync/reconcile-labels.js";

/**
 * A task file's `labels:` become issue labels with no cap and no case-folding. GitHub refuses an
 * issue with more than 100 labels ("Validation Failed. Issues cannot have more than 100 labels"),
 * so one task file with a long `labels:` list makes its create-issue fail on every sync; and label
 * names are case-insensitive on GitHub, so `labels: [Bug, bug]` asks to create the same label twice
 * (the second create-label is a 422 "already_exists").
 */
const config = configSchema.parse({});

function issueFor(labelsYaml: string) {
  const plan = parsePlan(
    ["---", "id: task-9", "title: Tagged", "status: To Do", `labels: ${labelsYaml}`, "---", ""].join("\n"),
  );
  const task = plan.tasks[0]!;
  return desiredIssue({ task, file: { path: "backlog/tasks/task-9.md", plan }, scope: null, key: task.id }, config);
}

describe("task-file labels within GitHub's limits", () => {
  it("never asks for more than 100 labels on one issue", () => {
    const many = `[${Array.from({ length: 1000 }, (_, i) => `tag-${i}`).join(", ")}]`;
    expect(issueFor(many).labels.length).toBeLessThanOrEqual(100);
  });

  it("asks for each label once, whatever case the file writes it in", () => {
    const labels = issueFor("[Bug, bug, BUG, Plansync]").labels;
    const folded = labels.map((l) => l.toLowerCase());
    expect(folded).toEqual([...new Set(folded)]);
  });

  it("creates a label named in two cases only once", () => {
    const { labels } = issueFor("[Bug, bug]");
    const ops = missingLabels([{ kind: "create-issue", labels } as never], new Set(["plansync"]));
    expect(ops.map((o) => (o as { name: string }).name.toLowerCase())).toEqual(["bug"]);
  });
});

describe("which labels a capped issue keeps", () => {
  it("keeps plansync's own labels first, then the tags in the file's order, in the case first written", () => {
    const many = `[${Array.from({ length: 150 }, (_, i) => `tag-${i}`).join(", ")}]`;
    const plan = parsePlan(
      ["---", "id: task-9", "title: T", "status: In Progress", "priority: high", `labels: ${many}`, "---", ""].join(
        "\n",
      ),
    );
    const task = plan.tasks[0]!;
    const { labels } = desiredIssue(
      { task, file: { path: "backlog/tasks/task-9.md", plan }, scope: null, key: task.id },
      config,
    );
    expect(labels.length).toBe(100);
    expect(labels.slice(0, 4)).toEqual(["plansync", "priority: high", "in progress", "tag-0"]);
    expect(labels[99]).toBe("tag-96");
    expect(issueFor("[Bug, bug, BUG]").labels).toEqual(["plansync", "Bug"]);
  });
});
