import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { parsePlan, type Task } from "../../src/plan/index.js";
import { desiredIssue, MANAGED_PREFIXES } from "../../src/sync/desired-issue.js";
import { mergeLabels } from "../../src/sync/reconcile-labels.js";

const config = configSchema.parse({});

function issueFor(task: Partial<Task>, settings = config) {
  const plan = parsePlan("- [ ] BE-1 Build the export\n");
  const located = { ...plan.tasks[0]!, ...task };
  return desiredIssue({ task: located, file: { path: "docs/plan.md", plan }, scope: null, key: "BE-1" }, settings);
}

describe("tags and estimates on issues", () => {
  it("adds each tag as a label", () => {
    expect(issueFor({ tags: ["billing", "backend"] }).labels).toEqual(["plansync", "billing", "backend"]);
  });

  it("gives an estimate an estimate: label and a place in the footer meta", () => {
    const issue = issueFor({ estimate: "4h" });
    expect(issue.labels).toEqual(["plansync", "estimate: 4h"]);
    expect(issue.meta).toBe("estimate 4h");
  });

  it("puts no estimate label with labels.points off", () => {
    const off = configSchema.parse({ labels: { points: false } });
    expect(issueFor({ estimate: "4h" }, off).labels).toEqual(["plansync"]);
  });

  it("manages the estimate: family like points:", () => {
    expect(MANAGED_PREFIXES).toContain("estimate: ");
    expect(mergeLabels(["estimate: 2h", "team-a"], ["plansync", "estimate: 4h"])).toEqual([
      "team-a",
      "plansync",
      "estimate: 4h",
    ]);
  });

  it("keeps a tag's label when the tag leaves the doc: tags are added, never removed", () => {
    expect(mergeLabels(["plansync", "billing"], ["plansync"])).toEqual(["billing", "plansync"]);
  });

  it("neutralises mentions, fits GitHub's 50-character limit and lets no tag pose as a managed label", () => {
    const labels = issueFor({ tags: ["@octocat", "x".repeat(80), "priority: high", "points: 3", "plansync"] }).labels;
    expect(labels[0]).toBe("plansync");
    expect(labels).toHaveLength(3);
    expect(labels[1]).not.toBe("@octocat");
    expect(labels[1]!.replace(/\u200B/g, "")).toBe("@octocat");
    expect(labels[2]).toBe("x".repeat(50));
  });
});
