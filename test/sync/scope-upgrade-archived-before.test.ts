import { describe, expect, it } from "vitest";
import { replaceMarker } from "../../src/sync/marker.js";
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

const change = (box: " " | "x") => `## 1. Login\n- [${box}] 1.1 Add the form\n- [${box}] 1.2 Check the password\n`;
const LIVE = "openspec/changes/add-login/tasks.md";
const ARCHIVED = "openspec/changes/archive/2026-01-05-add-login/tasks.md";

describe("upgrading a repository that archived an OpenSpec change under the previous release", () => {
  for (const archivedText of [change("x"), change("x").replace("[x] 1.2", "[ ] 1.2")])
    it(`writes nothing to the removed live issues or to the archived change's issues (${archivedText.includes("[ ]") ? "one task still open" : "all ticked"})`, () => {
      // Previous release: the live change's issues #1, #2 ...
      const live = syncedIssues({ [LIVE]: change(" ") }, before, 1);
      // ... then `openspec archive`: the previous release (no move detection) closed them as removed,
      // as reconcile-removals.ts does, and made #3, #4 for the archived file.
      const removed = live.map((i) => ({
        ...i,
        state: "closed" as const,
        body: replaceMarker(i.body, { ...i.marker, state: "closed" }),
        marker: { ...i.marker, state: "closed" as const },
      }));
      const issues = [...removed, ...syncedIssues({ [ARCHIVED]: archivedText }, before, 3)];
      // Agreed: the previous release writes nothing more.
      expect(reconcile(docs({ [ARCHIVED]: archivedText }), remote(issues), before).operations).toEqual([]);

      // Upgrade. README: "a repository synced before this rule sees no write after upgrading".
      const result = reconcile(docs({ [ARCHIVED]: archivedText }), remote(issues), config());
      // Before the fix: #3 and #4 (the archived tasks' own issues) are unmanaged as "duplicates" of the removed
      // #1 and #2, which are taken back and rewritten to the archived file; with a task still open,
      // its "removed" issue #2 is reopened and its live issue #4 closed as a duplicate, with a comment.
      expect(result.operations).toEqual([]);
    });
});
