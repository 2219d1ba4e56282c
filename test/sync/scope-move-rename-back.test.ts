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

const a = "specs/003-photos/tasks.md";
const b = "specs/003-photo-albums/tasks.md";
const two = "- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n";

describe("a feature folder renamed and then renamed back", () => {
  it("follows both renames when nothing was left behind", () => {
    const issues = syncedIssues({ [a]: two });
    const there = reconcile(docs({ [b]: two }), remote(issues), config());
    expect(creates(there.operations)).toEqual([]);
    const moved = applyAll(issues, there.operations);
    const back = reconcile(docs({ [a]: two }), remote(moved), config());
    expect(creates(back.operations)).toEqual([]);
    expect(closesAsRemoved(back.operations)).toEqual([]);
  });

  it("follows the rename back when a done task's closed issue stayed in the old folder", () => {
    // T003 was done, and dropped from the list in the commit that renamed the folder: README says
    // its closed issue may stay behind, and the rename is followed.
    const issues = syncedIssues({ [a]: `${two}- [x] T003 Old task\n` });
    const there = reconcile(docs({ [b]: two }), remote(issues), config());
    expect(creates(there.operations)).toEqual([]);
    const moved = applyAll(issues, there.operations);
    expect(moved.map((i) => i.marker.file)).toEqual([b, b, a]);

    // The rename is undone (a revert, or the team preferred the old name).
    const back = reconcile(docs({ [a]: two }), remote(moved), config());
    // Before the fix: T001 and T002 get second issues; #1 and #2 are closed as removed, with comments.
    expect(creates(back.operations)).toEqual([]);
    expect(closesAsRemoved(back.operations)).toEqual([]);
    expect(comments(back.operations)).toEqual([]);
  });
});
