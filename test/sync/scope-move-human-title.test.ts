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

const OLD = "specs/003-photos/tasks.md";
const NEW = "specs/003-photo-albums/tasks.md";
const FEATURE = "## Phase 1\n\n- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n";

describe("a renamed feature folder whose issues carry a human's title", () => {
  it("follows the rename when a task's issue was adopted (its title is the author's, kept byte for byte)", () => {
    const issues = syncedIssues({ [OLD]: FEATURE });
    // #1 was spec-kit's taskstoissues output, adopted: README/adoption.ts keep every byte of its
    // title and body; only the marker (adopted: true) and the label are plansync's.
    issues[0] = {
      ...issues[0]!,
      title: "T001 Create the album model",
      marker: { ...issues[0]!.marker, adopted: true },
    };
    expect(reconcile(docs({ [OLD]: FEATURE }), remote(issues), config()).operations).toEqual([]);

    const result = reconcile(docs({ [NEW]: FEATURE }), remote(issues), config());
    // Before the fix: the move is not seen (the adopted title is not plansync's rendering), so #1 and #2 are
    // closed "not planned" with a "removed" comment and two new issues are made.
    expect(creates(result.operations)).toEqual([]);
    expect(closesAsRemoved(result.operations)).toEqual([]);
    expect(comments(result.operations)).toEqual([]);
  });

  it("follows the rename when a person retitled a task's issue on GitHub", () => {
    const issues = syncedIssues({ [OLD]: FEATURE });
    // A maintainer edits the issue title; plansync keeps it (titles are rewritten only when the
    // doc's task changes), so it is still this task's issue.
    issues[1] = { ...issues[1]!, title: "T002 (003-photos): Upload photos (blocked on S3 bucket)" };
    expect(reconcile(docs({ [OLD]: FEATURE }), remote(issues), config()).operations).toEqual([]);

    const result = reconcile(docs({ [NEW]: FEATURE }), remote(issues), config());
    expect(creates(result.operations)).toEqual([]);
    expect(closesAsRemoved(result.operations)).toEqual([]);
    expect(comments(result.operations)).toEqual([]);
  });
});
