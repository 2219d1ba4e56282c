import type { FileDiagnostics } from "../sync/check-report.js";
import { operationRows, type OperationRow } from "../sync/operation-rows.js";
import type { Operation, RemoteIssue } from "../sync/sync-types.js";

/** What `plansync sync --dry-run` found: the core's operations, and what the docs owe the issues. */
export interface SyncPlan {
  repo: string;
  /** "working tree", or the ref the docs were read at. */
  at: string;
  sha: string;
  operations: readonly Operation[];
  /** Issues closed or reopened on GitHub whose boxes say otherwise: `plansync pull` ticks them. */
  writeBacks: readonly RemoteIssue[];
  /** Removals held by the mass-removal rail. */
  held: readonly RemoteIssue[];
  /** Issues whose task is missing from a working tree: never removed from one (it may be behind). */
  skipped?: readonly RemoteIssue[];
  files: readonly FileDiagnostics[];
}

/** The plan as JSON: the same rows as the table, one object each. */
export function syncPlanJson(plan: SyncPlan) {
  const rows = operationRows(plan.operations);
  const issueOf = (i: RemoteIssue) => ({ number: i.number, task: i.marker.id, file: i.marker.file, state: i.state });
  return {
    repo: plan.repo,
    at: plan.at,
    sha: plan.sha,
    issues: rows.filter((r) => r.section === "issues").map(rowJson),
    milestones: rows.filter((r) => r.section === "milestones").map(rowJson),
    hierarchy: rows.filter((r) => r.section === "hierarchy").map(rowJson),
    board: rows.filter((r) => r.section === "board").map(rowJson),
    writeBacks: plan.writeBacks.map(issueOf),
    heldRemovals: plan.held.map(issueOf),
    skippedRemovals: (plan.skipped ?? []).map(issueOf),
    problems: plan.files.flatMap(({ path, diagnostics }) =>
      diagnostics
        .filter((d) => d.severity !== "info")
        .map((d) => ({ path, line: d.line, severity: d.severity, code: d.code, message: d.message })),
    ),
  };
}

function rowJson({ section: _section, ...row }: OperationRow) {
  return row;
}

/** The plan as a table for a terminal, section by section, ending with one line of counts. */
export function renderSyncPlan(plan: SyncPlan): string {
  const json = syncPlanJson(plan);
  const issue = (n: number | null) => (n === null ? "new" : `#${n}`);
  const out = [`plansync sync --dry-run: ${plan.repo}, docs from the ${describeAt(plan)}`];
  const section = (title: string, rows: string[][]) => {
    if (rows.length > 0) out.push("", title, ...columns(rows).map((line) => `  ${line}`));
  };
  const rowCells = (r: Omit<OperationRow, "section">) => [r.action, r.subject, issue(r.number), fieldCell(r), r.detail];
  section("Issues", json.issues.map(rowCells));
  section("Milestones", json.milestones.map(rowCells));
  section("Hierarchy", json.hierarchy.map(rowCells));
  section("Board", json.board.map(rowCells));
  section(
    "Write-backs the docs need (`plansync pull` ticks them)",
    json.writeBacks.map((w) => [w.task, `#${w.number}`, `${w.state} on GitHub`, w.file]),
  );
  section(
    "Removals held (confirm them in the config)",
    json.heldRemovals.map((h) => [h.task, `#${h.number}`, h.file]),
  );
  section(
    "Removals skipped (a working-tree sync never removes: the task may have been added upstream)",
    json.skippedRemovals.map((h) => [h.task, `#${h.number}`, h.file]),
  );
  section(
    "Problems",
    json.problems.map((p) => [`${p.path}:${p.line}`, p.severity, p.code, p.message]),
  );
  out.push("", countLine(json));
  return out.join("\n");
}

function describeAt(plan: SyncPlan): string {
  const short = /^[0-9a-f]{40}$/.test(plan.sha) ? ` (${plan.sha.slice(0, 7)})` : "";
  return plan.at === "working tree" ? `working tree${short}` : `ref ${plan.at}${short}`;
}

function fieldCell(row: Omit<OperationRow, "section">): string {
  return row.fields.length > 0 ? row.fields.join(",") : "-";
}

function countLine(json: ReturnType<typeof syncPlanJson>): string {
  const count = (action: string) => json.issues.filter((r) => r.action === action).length;
  const parts = [
    `create ${count("create")}`,
    `update ${count("update")}`,
    `close ${count("close")}`,
    `reopen ${count("reopen")} issues`,
    `${json.milestones.length} milestone changes`,
    `${json.hierarchy.length} hierarchy links`,
    // Only a sync with a board says so: most have none.
    ...(json.board.length > 0 ? [`${json.board.length} board changes`] : []),
    `${json.writeBacks.length} write-backs`,
  ];
  return `Would ${parts.join(", ")}. Nothing was changed.`;
}

/** Left-aligned columns two spaces apart; the last column is not padded. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
}
