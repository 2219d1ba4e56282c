import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { readMarker } from "../../src/sync/marker.js";
import { operationRows } from "../../src/sync/operation-rows.js";
import { reconcile } from "../../src/sync/reconcile.js";
import type { DocsSnapshot, Operation, RemoteIssue, RemoteState } from "../../src/sync/sync-types.js";

/** The core plans one write per new issue: a new child is created under its parent, never linked after. */

const config = readConfig(null);
if (!config.ok) throw new Error("the default config is invalid");
const empty: RemoteState = { issues: [], milestones: [], labels: new Set() };
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/plans/${name}`, import.meta.url), "utf8");

function docs(path: string, text: string): DocsSnapshot {
  return {
    owner: "o",
    repo: "r",
    sha: "abc1234",
    htmlUrl: "https://github.com/o/r",
    files: [{ path, plan: parsePlan(text) }],
    coveredPaths: new Set([path]),
    complete: true,
  };
}

type Create = Extract<Operation, { kind: "create-issue" }>;
const creates = (ops: Operation[]) => ops.filter((op): op is Create => op.kind === "create-issue");
const kinds = (ops: Operation[]) => new Set(ops.map((op) => op.kind));
/** The sub-issue operations a sync plans. */
const hierarchyOps = (ops: Operation[]) =>
  ops.filter((op) => op.kind === "link-sub-issue" || op.kind === "unlink-sub-issue" || op.kind === "order-sub-issues");

/** GitHub's sub-issues after the creates: each created issue under the parent its create names, in create order. */
function afterCreates(ops: Operation[]): RemoteState {
  const numbers = new Map(creates(ops).map((op, i) => [op.taskId, i + 1]));
  const issues: RemoteIssue[] = creates(ops).map((op, i) => {
    const parent =
      op.parent && ("number" in op.parent.issue ? op.parent.issue.number : numbers.get(op.parent.issue.taskId)!);
    const children = creates(ops).filter(
      (c) => c.parent && "taskId" in c.parent.issue && c.parent.issue.taskId === op.taskId,
    );
    return {
      number: i + 1,
      id: 1000 + i,
      parent: parent ?? null,
      subIssues: children.length,
      blockedBy: 0,
      title: op.title,
      body: op.body,
      state: "open",
      labels: op.labels,
      milestone: op.milestone,
      assignees: op.assignees,
      marker: readMarker(op.body)!,
    };
  });
  return {
    issues,
    milestones: [],
    labels: new Set(ops.flatMap((op) => (op.kind === "create-label" ? [op.name] : []))),
  };
}

describe("reconcile with fused creates", () => {
  it("creates the epic-breakdown fixture's stories under their epics: no sub-issue link and no reorder", () => {
    const plan = docs("docs/epics.md", fixture("epic-breakdown.md"));
    const { operations } = reconcile(plan, empty, config.config);
    expect(kinds(operations).has("link-sub-issue")).toBe(false);
    expect(kinds(operations).has("order-sub-issues")).toBe(false);
    const made = creates(operations);
    expect(made).toHaveLength(17);
    const stories = made.filter((op) => op.taskId.startsWith("BE-"));
    const under = (epic: string) => ({
      issue: { taskId: `${epic} (docs/epics.md)` },
      taskId: `${epic} (docs/epics.md)`,
    });
    expect(stories.map((s) => [s.taskId, s.parent])).toEqual([
      ["BE-001", under("Epic 0")],
      ["BE-002", under("Epic 0")],
      ["BE-003", under("Epic 0")],
      ["BE-101", under("Epic 1")],
      ["BE-102", under("Epic 1")],
      ["BE-201", under("Epic 2")],
      ["BE-202", under("Epic 2")],
      ["BE-301", under("Epic 3")],
      ["BE-302", under("Epic 3")],
      ["BE-303", under("Epic 3")],
      ["BE-401", under("Epic 4")],
      ["BE-402", under("Epic 4")],
    ]);
    // Each epic is created before its stories, and records their order, so the next sync plans nothing.
    const at = (id: string) => made.findIndex((op) => op.taskId === id);
    for (const story of stories) expect(at(story.parent!.taskId)).toBeLessThan(at(story.taskId));
    expect(readMarker(made[at("Epic 3 (docs/epics.md)")]!.body)!.order).toMatch(/^[0-9a-f]{8}$/);
    expect(hierarchyOps(reconcile(plan, afterCreates(operations), config.config).operations)).toEqual([]);
  });

  it("creates nested and outline-numbered children under their parents", () => {
    for (const name of ["nested.md", "outline-ids.md"]) {
      const plan = docs(`docs/${name}`, fixture(name));
      const { operations } = reconcile(plan, empty, config.config);
      expect(kinds(operations).has("link-sub-issue")).toBe(false);
      const children = creates(operations).filter((op) => op.parent);
      expect(children.length).toBeGreaterThan(0);
      expect(hierarchyOps(reconcile(plan, afterCreates(operations), config.config).operations)).toEqual([]);
    }
    const outline = reconcile(docs("docs/o.md", fixture("outline-ids.md")), empty, config.config).operations;
    expect(creates(outline).find((op) => op.taskId === "US-1.1")!.parent).toEqual({
      issue: { taskId: "US-1" },
      taskId: "US-1",
    });
  });

  it("creates a new story under an existing epic, and still puts a story inserted mid-epic in place", () => {
    const text = "# Plan\n\n### Epic 1: Billing\n\n- [ ] BIL-1: Invoices\n- [ ] BIL-2: Receipts\n";
    const first = reconcile(docs("docs/p.md", text), empty, config.config).operations;
    const remote = afterCreates(first);
    const epic = remote.issues.find((i) => i.marker.id === "Epic 1")!;
    const inserted = text.replace("- [ ] BIL-2", "- [ ] BIL-3: Refunds\n- [ ] BIL-2");
    const { operations } = reconcile(docs("docs/p.md", inserted), remote, config.config);
    expect(operations.map((op) => op.kind)).toEqual(["update-issue", "create-issue", "order-sub-issues"]);
    expect(creates(operations)[0]!.parent).toEqual({
      issue: { number: epic.number },
      taskId: "Epic 1 (docs/p.md)",
    });
  });

  it("lists a create under a parent in the dry run's hierarchy rows, as the link it makes", () => {
    const { operations } = reconcile(docs("docs/epics.md", fixture("epic-breakdown.md")), empty, config.config);
    const rows = operationRows(operations).filter((r) => r.subject === "BE-201");
    expect(rows.map((r) => [r.section, r.action, r.number, r.detail])).toEqual([
      ["issues", "create", null, "BE-201: API Foundation · labels plansync"],
      ["hierarchy", "sub-issue", null, "under Epic 2 (docs/epics.md)"],
    ]);
  });
});
