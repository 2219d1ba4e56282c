// Shared setup for the scope-move tests (test/sync/scope-*.test.ts): plans as a docs snapshot,
// the issues an earlier sync left, GitHub after a sync's updates landed, and picks of operations.
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { collectTasks } from "../../src/sync/collect-tasks.js";
import type { DesiredIssue } from "../../src/sync/desired-issue.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { readMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import { renderBody } from "../../src/sync/render-body.js";
import type { DocsSnapshot, IssueState, Operation, RemoteIssue } from "../../src/sync/sync-types.js";
import { createScoper } from "../../src/sync/task-scope.js";

/** A checked config from a raw `.github/plansync.yml` value (defaults when null); throws on errors. */
export const config = (raw: unknown = null) => {
  const result = readConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
};

/** The previous release's scopes: every local ID belongs to its folder as it is. */
export const before = config({ ids: { scopes: [{ paths: "**", scope: "path" }] } });

/** A complete read of the repository at one commit holding `files` (path -> markdown). */
export function docs(files: Record<string, string>, extra: Partial<DocsSnapshot> = {}): DocsSnapshot {
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

/** Issue #`number` as a sync left it for `desired` with `body`: no links, no assignees, marker read from the body. */
export function remoteIssue(desired: DesiredIssue, body: string, state: IssueState, number: number): RemoteIssue {
  return {
    number,
    id: 1000 + number,
    parent: null,
    subIssues: 0,
    blockedBy: 0,
    title: desired.title,
    body,
    state,
    labels: desired.labels,
    milestone: desired.milestone,
    assignees: [],
    marker: readMarker(body)!,
  };
}

/**
 * The issues a finished sync of `files` under `cfg` leaves: one per task from #`first`, states
 * agreed, and the sub-issue links that sync made (Kiro's 1.1 under 1; flat plans have none).
 */
export function syncedIssues(files: Record<string, string>, cfg = config(), first = 1): RemoteIssue[] {
  const scoper = createScoper(cfg.ids.scopes);
  const { winners } = collectTasks(docs(files).files, new Map(), scoper);
  const issues = winners.map((located, i): RemoteIssue => {
    const desired = desiredIssue(located, cfg);
    const body = renderBody(desired, { htmlUrl: "https://github.com/o/r", sha: "old" }, desired.state);
    return remoteIssue(desired, body, desired.state, first + i);
  });
  linkAsSynced(issues, files, cfg);
  return issues;
}

/** Sets `parent` and `subIssues` on `issues` as the sync of `files` that made them linked them. */
function linkAsSynced(issues: RemoteIssue[], files: Record<string, string>, cfg: ReturnType<typeof config>): void {
  for (const op of reconcile(docs(files), remote(issues), cfg).operations) {
    if (op.kind !== "link-sub-issue" || !("number" in op.child) || !("number" in op.parent)) continue;
    const { child, parent } = op as { child: { number: number }; parent: { number: number } };
    issues.find((i) => i.number === child.number)!.parent = parent.number;
    issues.find((i) => i.number === parent.number)!.subIssues++;
  }
}

/** The remote state reconcile reads: `issues`, no milestones, the managed label present. */
export function remote(issues: RemoteIssue[]) {
  return { issues, milestones: [], labels: new Set(["plansync"]) };
}

/** GitHub after an update-issue landed (title, body, state, marker). */
export function applyUpdate(issue: RemoteIssue, op: Operation): RemoteIssue {
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
export function applyAll(issues: RemoteIssue[], ops: Operation[], only?: Set<number>): RemoteIssue[] {
  return issues.map((issue) =>
    ops
      .filter((o) => o.kind === "update-issue" && "number" in o.issue && o.issue.number === issue.number)
      .filter(() => only === undefined || only.has(issue.number))
      .reduce(applyUpdate, issue),
  );
}

/** The operations of each kind the tests check: new issues, removals, comments, any update. */
export const creates = (ops: Operation[]) => ops.filter((o) => o.kind === "create-issue");
export const closesAsRemoved = (ops: Operation[]) =>
  ops.filter((o) => o.kind === "update-issue" && o.stateReason === "not_planned");
export const comments = (ops: Operation[]) => ops.filter((o) => o.kind === "comment");
export const updates = (ops: Operation[]) => ops.filter((o) => o.kind === "update-issue");
/** The kinds of `ops`, in order. */
export const kinds = (ops: Operation[]) => ops.map((o) => o.kind);
