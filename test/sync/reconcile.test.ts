import { locateTask } from "../../src/sync/collect-tasks.js";
import { createScoper } from "../../src/sync/task-scope.js";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { readMarker, renderMarker } from "../../src/sync/marker.js";
import { decideState } from "../../src/sync/reconcile-issue.js";
import { reconcile } from "../../src/sync/reconcile.js";
import { renderBody } from "../../src/sync/render-body.js";
import type { DocsSnapshot, IssueState, Operation, RemoteIssue, RemoteState } from "../../src/sync/sync-types.js";
import { remoteIssue } from "./scope-move-harness.js";

const config = (raw: unknown = null) => {
  const result = readConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
};

function docs(files: Record<string, string>, extra: Partial<DocsSnapshot> = {}): DocsSnapshot {
  const parsed = Object.entries(files).map(([path, text]) => ({ path, plan: parsePlan(text) }));
  return {
    owner: "o",
    repo: "r",
    sha: "abc1234def",
    htmlUrl: "https://github.com/o/r",
    files: parsed,
    coveredPaths: new Set(Object.keys(files)),
    complete: false,
    ...extra,
  };
}

const empty: RemoteState = { issues: [], milestones: [], labels: new Set() };

/** The remote issue a previous sync of `text` would have left, with the given states. */
function synced(text: string, id: string, issueState: IssueState, markerState: IssueState, number = 1): RemoteIssue {
  const plan = parsePlan(text);
  const task = plan.tasks.find((t) => t.id === id)!;
  const desired = desiredIssue(locateTask({ path: "docs/p.md", plan }, task, createScoper([])), config());
  const body = renderBody(desired, { htmlUrl: "https://github.com/o/r", sha: "old" }, markerState);
  return remoteIssue(desired, body, issueState, number);
}

const kinds = (ops: Operation[]) => ops.map((o) => o.kind);

describe("reconcile", () => {
  it("creates the managed label, the milestone, then the issues", () => {
    const result = reconcile(
      docs({ "docs/p.md": "# Milestone: `M1`\n\n- [ ] A-1 one\n- [x] A-2 two\n" }),
      empty,
      config(),
    );
    expect(kinds(result.operations)).toEqual([
      "create-label",
      "create-milestone",
      "create-issue",
      "create-issue",
      "update-issue",
    ]);
    expect(result.operations[0]).toMatchObject({ name: "plansync" });
    expect(result.operations[2]).toMatchObject({
      taskId: "A-1",
      title: "A-1: one",
      labels: ["plansync"],
      milestone: "M1",
    });
    expect(result.operations[4]).toMatchObject({ issue: { taskId: "A-2" }, state: "closed", stateReason: "completed" });
  });

  it("yields nothing for docs that match GitHub", () => {
    const text = "- [ ] A-1 one\n";
    const remote = { ...empty, issues: [synced(text, "A-1", "open", "open")], labels: new Set(["plansync"]) };
    expect(reconcile(docs({ "docs/p.md": text }), remote, config()).operations).toEqual([]);
  });

  it("asks for a full scan before removing a task that may have moved to an unread file", () => {
    const remote = { ...empty, issues: [synced("- [ ] A-1 one\n", "A-1", "open", "open")] };
    const result = reconcile(docs({ "docs/p.md": "nothing here\n" }), remote, config());
    expect(result).toMatchObject({ operations: [], needsFullScan: true });
    const full = reconcile(docs({ "docs/p.md": "nothing here\n" }, { complete: true }), remote, config());
    expect(kinds(full.operations)).toEqual(["comment", "update-issue"]);
  });

  it.each([
    ["label", ["comment", "create-label", "update-issue"].sort()],
    ["ignore", []],
  ])("applies the %s removal policy", (removal, expected) => {
    const remote = {
      ...empty,
      issues: [synced("- [ ] A-1 one\n", "A-1", "open", "open")],
      labels: new Set(["plansync"]),
    };
    const result = reconcile(docs({ "docs/p.md": "\n" }, { complete: true }), remote, config({ removal }));
    expect(kinds(result.operations).sort()).toEqual(expected);
  });

  it("keeps labels a human added, replacing only plansync's families", () => {
    const text = "### High Priority\n\n- [ ] A-1 one *(3 points)*\n";
    const old = synced("- [ ] A-1 one *(2 points)*\n", "A-1", "open", "open");
    old.labels = ["plansync", "points: 2", "bug", "team: web"];
    const [update] = reconcile(docs({ "docs/p.md": text }), { ...empty, issues: [old] }, config()).operations.filter(
      (o) => o.kind === "update-issue",
    );
    // Only the changes are sent, one by one: a label a human adds meanwhile stays.
    expect(update).toMatchObject({ labels: { add: ["priority: high", "points: 3"], remove: ["points: 2"] } });
  });
});

/** The three-way state table from the README: marker = last agreed state. */
describe("decideState", () => {
  const remote = (issue: IssueState, marker: IssueState) => synced("- [ ] A-1 x\n", "A-1", issue, marker);
  it.each([
    // doc, issue, agreed → issue change, new agreed
    ["open", "open", "open", undefined, "open"],
    ["closed", "closed", "closed", undefined, "closed"],
    ["closed", "open", "open", "closed", "closed"], // ticked in the doc: close
    ["open", "closed", "closed", "open", "open"], // unticked in the doc: reopen
    ["open", "closed", "open", undefined, "open"], // closed on GitHub: left for write-back
    ["closed", "open", "closed", undefined, "closed"], // reopened on GitHub: left for write-back
    ["closed", "closed", "open", undefined, "closed"], // both moved the same way: agree
    ["open", "open", "closed", undefined, "open"], // both moved the same way: agree
  ] as const)("doc %s, issue %s, agreed %s → issue %s, agreed %s", (doc, issue, agreed, change, marker) => {
    expect(decideState(doc, remote(issue, agreed))).toEqual(change ? { issue: change, marker } : { marker });
  });
});

describe("marker", () => {
  it("round-trips and cannot close its HTML comment early", () => {
    const marker = { id: "A-1", file: "docs/a-->b.md", state: "closed" as const, hash: "abc" };
    const text = renderMarker(marker);
    expect(text).not.toContain("a-->b");
    expect(readMarker(`body\n\n${text}\n`)).toEqual(marker);
  });

  it("ignores bodies without a marker or with a broken one", () => {
    expect(readMarker("just text")).toBeNull();
    expect(readMarker('<!-- plansync {"id": 1} -->')).toBeNull();
    expect(readMarker(null)).toBeNull();
  });
});

describe("issue body", () => {
  it("renders content, a footer linking the line at the commit, and the marker", () => {
    const plan = parsePlan("## Phase 1\n\n- [ ] A-1 one *(3 points)*\n  - ask @alice\n");
    const desired = desiredIssue(
      locateTask({ path: "docs/my plan.md", plan }, plan.tasks[0]!, createScoper([])),
      config(),
    );
    expect(renderBody(desired, { htmlUrl: "https://github.com/o/r", sha: "abc123" }, "open")).toMatchInlineSnapshot(`
      "- ask @​alice

      ---
      <sub>From [\`docs/my plan.md\` line 3](https://github.com/o/r/blob/abc123/docs/my%20plan.md#L3) · Phase 1 · 3 points. Edit the doc to change this issue; plansync keeps them in sync.</sub>

      <!-- plansync {"id":"A-1","file":"docs/my plan.md","state":"open","hash":"${desired.hash}","checks":""} -->
      "
    `);
  });
});
