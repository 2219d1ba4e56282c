import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { collectTasks } from "../../src/sync/collect-tasks.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { readMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import { renderBody } from "../../src/sync/render-body.js";
import type { DocsSnapshot, Operation, RemoteIssue } from "../../src/sync/sync-types.js";
import { createScoper } from "../../src/sync/task-scope.js";

// Helpers (as in test/sync/scope-moves.test.ts).
const config = (raw: unknown = null) => {
  const result = readConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
};
const before = config({ ids: { scopes: [{ paths: "**", scope: "path" }] } });

function docs(files: Record<string, string>, extra: Partial<DocsSnapshot> = {}): DocsSnapshot {
  return {
    owner: "o",
    repo: "r",
    sha: "abc1234def",
    htmlUrl: "https://github.com/o/r",
    files: Object.entries(files).map(([path, text]) => ({ path, plan: parsePlan(text) })),
    coveredPaths: new Set(Object.keys(files)),
    complete: true,
    ...extra,
  };
}

/** The issues a finished sync of `files` under `cfg` leaves: one per task, states agreed. */
function syncedIssues(files: Record<string, string>, cfg = config(), first = 1): RemoteIssue[] {
  const scoper = createScoper(cfg.ids.scopes);
  const { winners } = collectTasks(docs(files).files, new Map(), scoper);
  return winners.map((located, i): RemoteIssue => {
    const desired = desiredIssue(located, cfg);
    const body = renderBody(desired, { htmlUrl: "https://github.com/o/r", sha: "old" }, desired.state);
    const number = first + i;
    return {
      number,
      id: 1000 + number,
      parent: null,
      subIssues: 0,
      blockedBy: 0,
      title: desired.title,
      body,
      state: desired.state,
      labels: desired.labels,
      milestone: desired.milestone,
      assignees: [],
      marker: readMarker(body)!,
    };
  });
}

function remote(issues: RemoteIssue[]) {
  return { issues, milestones: [], labels: new Set(["plansync"]) };
}

/** GitHub after an update-issue landed (title, body, state, marker). */
function applyUpdate(issue: RemoteIssue, op: Operation): RemoteIssue {
  if (op.kind !== "update-issue") throw new Error(op.kind);
  const body = op.body ?? issue.body;
  return {
    ...issue,
    title: op.title ?? issue.title,
    body,
    state: op.state ?? issue.state,
    marker: op.marker ?? readMarker(body) ?? issue.marker,
  };
}

/** Applies every update-issue in `ops` (a sync that finished), or only those to `only`. */
function applyAll(issues: RemoteIssue[], ops: Operation[], only?: Set<number>): RemoteIssue[] {
  return issues.map((issue) =>
    ops
      .filter((o) => o.kind === "update-issue" && "number" in o.issue && o.issue.number === issue.number)
      .filter(() => only === undefined || only.has(issue.number))
      .reduce(applyUpdate, issue),
  );
}

const creates = (ops: Operation[]) => ops.filter((o) => o.kind === "create-issue");
const closesAsRemoved = (ops: Operation[]) =>
  ops.filter((o) => o.kind === "update-issue" && o.stateReason === "not_planned");
const comments = (ops: Operation[]) => ops.filter((o) => o.kind === "comment");

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
