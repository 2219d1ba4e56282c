import type { IssueRef, Operation } from "./sync-types.js";

/** One line of a sync plan, in the words a reader needs: what happens to which issue, and why. */
export interface OperationRow {
  section: "issues" | "milestones" | "hierarchy" | "board";
  action: string;
  /** The task ID, or the milestone's title. */
  subject: string;
  /** The issue or milestone number when it exists already. */
  number: number | null;
  /** The fields a create or update sends. */
  fields: string[];
  detail: string;
}

const ISSUE_FIELDS = ["title", "body", "labels", "milestone", "assignees", "state"] as const;

/**
 * The rows of a plan, for the CLI's dry run (a table, or JSON). Labels and comments are not rows:
 * a label create serves the issues, and a comment goes with the close it explains.
 */
export function operationRows(operations: readonly Operation[]): OperationRow[] {
  return operations.flatMap((op) => {
    const row = operationRow(op);
    // A create under a parent links it too (fuse-creates.ts): its row under hierarchy, as a link's.
    const link =
      op.kind === "create-issue" &&
      op.parent &&
      linkRow("sub-issue", op.taskId, { taskId: op.taskId }, `under ${op.parent.taskId}`);
    return [...(row ? [row] : []), ...(link ? [link] : [])];
  });
}

function operationRow(op: Operation): OperationRow | null {
  switch (op.kind) {
    case "create-issue":
      return issueRow(
        op.taskId,
        "create",
        null,
        ["title", "body", "labels", "milestone", "assignees"],
        createDetail(op),
      );
    case "update-issue":
      return issueRow(op.taskId, updateAction(op), numberOf(op.issue), updatedFields(op), op.reason);
    case "create-milestone":
      return milestoneRow("create", op.title, null, op.dueOn ? `due ${op.dueOn}` : "no due date");
    case "update-milestone":
      return milestoneRow("update", op.title, op.number, milestoneFields(op).join(", "));
    case "link-sub-issue":
      return linkRow(op.replace ? "move" : "sub-issue", op.taskId, op.child, `under ${op.parentTaskId}`);
    case "unlink-sub-issue":
      return linkRow("unlink", op.taskId, op.child, `no longer under #${op.parent.number}`);
    case "order-sub-issues":
      return linkRow("reorder", op.taskId, op.parent, "sub-issues in the doc's order");
    case "set-blocked-by":
      return linkRow("blocked-by", op.taskId, op.issue, blockedByChange(op));
    case "add-project-item":
      return boardRow("add", op.taskId, op.issue, op.project);
    case "set-project-field":
      return boardRow(op.value === null ? "clear" : "set", op.taskId, op.issue, op.field);
    case "create-label":
    case "comment":
      return null;
  }
}

function issueRow(subject: string, action: string, number: number | null, fields: string[], detail: string) {
  return { section: "issues" as const, action, subject, number, fields, detail };
}

function milestoneRow(action: string, subject: string, number: number | null, detail: string): OperationRow {
  return { section: "milestones", action, subject, number, fields: [], detail };
}

function linkRow(action: string, subject: string, issue: IssueRef, detail: string): OperationRow {
  return { section: "hierarchy", action, subject, number: numberOf(issue), fields: [], detail };
}

function boardRow(action: string, subject: string, issue: IssueRef, detail: string): OperationRow {
  return { section: "board", action, subject, number: numberOf(issue), fields: [], detail };
}

function numberOf(ref: IssueRef): number | null {
  return "number" in ref ? ref.number : null;
}

function updateAction(op: Extract<Operation, { kind: "update-issue" }>): string {
  if (op.state === "closed") return "close";
  return op.state === "open" ? "reopen" : "update";
}

function updatedFields(op: Extract<Operation, { kind: "update-issue" }>): string[] {
  return ISSUE_FIELDS.filter((f) => op[f] !== undefined);
}

function createDetail(op: Extract<Operation, { kind: "create-issue" }>): string {
  const milestone = op.milestone ? ` · milestone ${op.milestone}` : "";
  return `${op.title} · labels ${op.labels.join(", ")}${milestone}`;
}

function milestoneFields(op: Extract<Operation, { kind: "update-milestone" }>): string[] {
  const fields: string[] = [];
  if (op.dueOn !== undefined) fields.push(op.dueOn ? `due ${op.dueOn}` : "no due date");
  if (op.state !== undefined) fields.push(op.state === "closed" ? "close" : "reopen");
  if (op.description !== undefined) fields.push("description");
  return fields;
}

/** `blocked by BE-001, BE-002; no longer blocked by BE-007`. */
export function blockedByChange(op: Extract<Operation, { kind: "set-blocked-by" }>): string {
  const added = op.add.length ? `blocked by ${op.add.map((a) => a.taskId).join(", ")}` : "";
  const removed = op.remove.length ? `no longer blocked by ${op.remove.map((r) => r.taskId).join(", ")}` : "";
  return [added, removed].filter(Boolean).join("; ");
}
