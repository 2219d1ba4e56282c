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

const openSpec = (done: boolean) =>
  `## 1. Login\n- [${done ? "x" : " "}] 1.1 Add the form\n- [${done ? "x" : " "}] 1.2 Check the password\n`;

describe("upgrading a repository whose live OpenSpec change reuses an archived change's name", () => {
  it("writes nothing (README: a repository synced before this rule sees no write after upgrading)", () => {
    // Synced by the previous release: two folders, two scopes, four issues, all agreed.
    const files = {
      "openspec/changes/archive/2026-01-05-add-login/tasks.md": openSpec(true),
      "openspec/changes/add-login/tasks.md": openSpec(false),
    };
    // The archived change came first (#1, #2, closed); the name was reused later (#3, #4, open).
    const archived = "openspec/changes/archive/2026-01-05-add-login/tasks.md";
    const live = "openspec/changes/add-login/tasks.md";
    const issues = [
      ...syncedIssues({ [archived]: files[archived] }, before, 1),
      ...syncedIssues({ [live]: files[live] }, before, 3),
    ];
    expect(issues.map((i) => [i.number, i.state])).toEqual([
      [1, "closed"],
      [2, "closed"],
      [3, "open"],
      [4, "open"],
    ]);
    const result = reconcile(docs(files), remote(issues), config());
    // Before the fix: the live change's two open issues are closed as "duplicate" of the archived ones,
    // with a comment each, and lose their marker and label: the live tasks are no longer synced.
    expect(result.operations).toEqual([]);
  });
});
