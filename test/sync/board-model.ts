import type { BoardMarker, BoardState, ProjectBoard, ProjectField } from "../../src/sync/board-types.js";
import type { Operation, RemoteIssue } from "../../src/sync/sync-types.js";

export const KEY = "orgs/acme/7";
export const URL = "https://github.com/orgs/acme/projects/7";

export const FIELDS: ProjectField[] = [
  {
    id: "F-status",
    name: "Status",
    dataType: "SINGLE_SELECT",
    options: [
      { id: "O-todo", name: "Todo" },
      { id: "O-prog", name: "In Progress" },
      { id: "O-done", name: "Done" },
      { id: "O-blocked", name: "Blocked" },
    ],
  },
  {
    id: "F-priority",
    name: "Priority",
    dataType: "SINGLE_SELECT",
    options: [
      { id: "O-high", name: "🔥 High" },
      { id: "O-medium", name: "Medium" },
      { id: "O-low", name: "Low" },
    ],
  },
  {
    id: "F-iteration",
    name: "Iteration",
    dataType: "ITERATION",
    iterations: [
      { id: "I-1", title: "Sprint 1", startDate: "2026-01-05" },
      { id: "I-2", title: "Sprint 2", startDate: "2026-01-19" },
      { id: "I-3", title: "Sprint 3", startDate: "2026-02-02" },
    ],
  },
  { id: "F-estimate", name: "Estimate", dataType: "NUMBER" },
  { id: "F-start", name: "Start date", dataType: "DATE" },
  { id: "F-target", name: "Target date", dataType: "DATE" },
];

export function project(fields: ProjectField[] = FIELDS, key = KEY): ProjectBoard {
  return {
    key,
    url: `https://github.com/${key.replace(/\/(\d+)$/, "/projects/$1")}`,
    id: `P-${key}`,
    title: "Roadmap",
    fields,
  };
}

export function boardOf(projects: ProjectBoard[], problems: BoardState["problems"] = []): BoardState {
  return {
    projects: new Map(projects.map((p) => [p.key, p])),
    items: new Map(projects.map((p) => [p.key, new Map()])),
    problems,
  };
}

export function remoteIssue(number: number, id: string, board?: BoardMarker): RemoteIssue {
  return {
    number,
    id: number * 10,
    parent: null,
    subIssues: 0,
    blockedBy: 0,
    title: id,
    body: "",
    state: "open",
    labels: [],
    milestone: null,
    assignees: [],
    marker: { id, file: "docs/plan.md", state: "open", hash: "h", ...(board ? { board } : {}) },
  };
}

/**
 * Applies board operations as GitHub would: an add makes an empty card (or finds the one there),
 * a set sets or clears one value. `numbers` gives the issue number a create in this sync made.
 */
export function applyBoard(board: BoardState, operations: readonly Operation[], numbers: ReadonlyMap<string, number>) {
  let next = 0;
  for (const op of operations) {
    if (op.kind !== "add-project-item" && op.kind !== "set-project-field") continue;
    const number = "number" in op.issue ? op.issue.number : numbers.get(op.issue.taskId)!;
    const items = board.items.get(op.project) ?? new Map();
    board.items.set(op.project, items);
    if (op.kind === "add-project-item") {
      if (!items.has(number)) items.set(number, { itemId: `ITEM-${op.project}-${number}-${next++}`, values: {} });
      continue;
    }
    const item = items.get(number);
    if (!item) throw new Error(`set-project-field before the card exists: ${op.taskId}`);
    if (op.value === null) delete item.values[op.fieldId];
    else item.values[op.fieldId] = op.value;
  }
}
