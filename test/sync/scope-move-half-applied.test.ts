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

const specKit =
  "## Phase 1\n\n- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n- [ ] T003 Share an album\n";
const oldPath = "specs/003-photos/tasks.md";
const newPath = "specs/003-photo-albums/tasks.md";

describe("a rename whose sync failed part-way (some issues retitled, the rest not)", () => {
  it("finishes the move on the retry: creates nothing, removes nothing, comments nothing", () => {
    const issues = syncedIssues({ [oldPath]: specKit });
    const renamed = docs({ [newPath]: specKit });
    const first = reconcile(renamed, remote(issues), config());
    // The move is seen and would retitle all three issues.
    expect(creates(first.operations)).toEqual([]);
    expect(first.operations.filter((o) => o.kind === "update-issue")).toHaveLength(3);
    // The sync dies after the first update landed (a crash, a 5xx past its retries, a rate limit).
    const partly = applyAll(issues, first.operations, new Set([1]));
    expect(partly[0]!.marker.file).toBe(newPath);
    expect(partly[1]!.marker.file).toBe(oldPath);

    const retry = reconcile(renamed, remote(partly), config());
    // Before the fix: T002 and T003 get new issues (#2 and #3 are closed as "removed", with a comment each).
    expect(creates(retry.operations)).toEqual([]);
    expect(closesAsRemoved(retry.operations)).toEqual([]);
    expect(comments(retry.operations)).toEqual([]);
  });

  it("with a single-task folder, a rename whose one update is lost still converges on one issue", () => {
    // Sanity: one task is all-or-nothing, so a retry sees the whole move again.
    const one = "- [ ] T001 Create the album model\n";
    const issues = syncedIssues({ [oldPath]: one });
    const retry = reconcile(docs({ [newPath]: one }), remote(issues), config());
    expect(creates(retry.operations)).toEqual([]);
  });
});
