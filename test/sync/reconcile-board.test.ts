import { describe, expect, it } from "vitest";
import type { BoardState, ProjectField } from "../../src/sync/board-types.js";
import { reconcileBoard, type BoardTask } from "../../src/sync/reconcile-board.js";
import type { Operation, RemoteIssue } from "../../src/sync/sync-types.js";
import { boardConfig, locatedTasks } from "./board-fixtures.js";
import { applyBoard, boardOf, FIELDS, KEY, project, remoteIssue } from "./board-model.js";

const config = boardConfig();

const DOC = `**Sprint:** 2

### High Priority

- [ ] T001: Build it ~4h
  - **Due:** 2026-03-01
- [x] T002: Ship it
`;

const PROJECT = project();
const TARGET = { project: KEY, projectId: PROJECT.id };

/** Tasks of a doc, each with the remote issue given for it by ID (none: a new issue). */
function tasksOf(doc: string, remotes: Record<string, RemoteIssue> = {}): BoardTask[] {
  return locatedTasks(doc).map((located) => ({ located, remote: remotes[located.task.id] }));
}

/** A first sync of DOC onto an empty board, applied: issues 1 and 2 exist with their records. */
function synced(doc = DOC, fields: ProjectField[] = FIELDS) {
  const board = boardOf([project(fields)]);
  const first = reconcileBoard(tasksOf(doc), board, config);
  applyBoard(
    board,
    first.operations,
    new Map([
      ["T001", 1],
      ["T002", 2],
    ]),
  );
  const remotes = {
    T001: remoteIssue(1, "T001", first.records.get("T001")),
    T002: remoteIssue(2, "T002", first.records.get("T002")),
  };
  return { board, remotes, card: (n: number) => board.items.get(KEY)!.get(n)! };
}

describe("reconcileBoard", () => {
  it("adds a new issue by its task and sets every role with a doc value, recording them", () => {
    const decision = reconcileBoard(tasksOf(DOC), boardOf([PROJECT]), config);
    const issue = { taskId: "T001" };
    expect(decision.operations.filter((op) => taskOf(op) === "T001")).toEqual([
      { kind: "add-project-item", issue, taskId: "T001", ...TARGET },
      {
        kind: "set-project-field",
        issue,
        taskId: "T001",
        ...TARGET,
        fieldId: "F-status",
        field: "Status",
        value: { singleSelectOptionId: "O-todo" },
      },
      {
        kind: "set-project-field",
        issue,
        taskId: "T001",
        ...TARGET,
        fieldId: "F-estimate",
        field: "Estimate",
        value: { number: 4 },
      },
      {
        kind: "set-project-field",
        issue,
        taskId: "T001",
        ...TARGET,
        fieldId: "F-priority",
        field: "Priority",
        value: { singleSelectOptionId: "O-high" },
      },
      {
        kind: "set-project-field",
        issue,
        taskId: "T001",
        ...TARGET,
        fieldId: "F-iteration",
        field: "Iteration",
        value: { iterationId: "I-2" },
      },
      {
        kind: "set-project-field",
        issue,
        taskId: "T001",
        ...TARGET,
        fieldId: "F-target",
        field: "Target date",
        value: { date: "2026-03-01" },
      },
    ]);
    expect(decision.records.get("T001")).toEqual({
      p: KEY,
      f: { status: "todo", estimate: 4, priority: "high", iteration: "Sprint 2", target: "2026-03-01" },
    });
    expect(decision.records.get("T002")).toEqual({
      p: KEY,
      f: { status: "done", priority: "high", iteration: "Sprint 2" },
    });
    expect(decision.operations).toHaveLength(10);
    expect(decision.statusMoved).toEqual([]);
    expect(decision.notes).toEqual([]);
  });

  it("makes no operation once the board holds what was written", () => {
    const { board, remotes } = synced();
    const again = reconcileBoard(tasksOf(DOC, remotes), board, config);
    expect(again.operations).toEqual([]);
    expect(again.statusMoved).toEqual([]);
    expect(again.records.get("T001")).toEqual(remotes.T001.marker.board);
  });

  it("adds an existing issue whose card is missing and sets its values (a sync that stopped after the create)", () => {
    const { remotes } = synced();
    const decision = reconcileBoard(tasksOf(DOC, remotes), boardOf([PROJECT]), config);
    const ops = decision.operations.filter((op) => taskOf(op) === "T002");
    expect(ops.map((op) => op.kind)).toEqual([
      "add-project-item",
      "set-project-field",
      "set-project-field",
      "set-project-field",
    ]);
    expect(ops[0]).toEqual({ kind: "add-project-item", issue: { number: 2 }, taskId: "T002", ...TARGET });
    expect(ops[1]).toMatchObject({
      issue: { number: 2 },
      fieldId: "F-status",
      value: { singleSelectOptionId: "O-done" },
    });
  });

  it("writes a value the doc changed", () => {
    const { board, remotes } = synced();
    const doc = DOC.replace("### High Priority", "### Medium Priority").replace("~4h", "~6h");
    const decision = reconcileBoard(tasksOf(doc, remotes), board, config);
    expect(decision.operations).toEqual([
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...TARGET,
        fieldId: "F-estimate",
        field: "Estimate",
        value: { number: 6 },
      },
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...TARGET,
        fieldId: "F-priority",
        field: "Priority",
        value: { singleSelectOptionId: "O-medium" },
      },
      {
        kind: "set-project-field",
        issue: { number: 2 },
        taskId: "T002",
        ...TARGET,
        fieldId: "F-priority",
        field: "Priority",
        value: { singleSelectOptionId: "O-medium" },
      },
    ]);
    expect(decision.records.get("T001")!.f).toMatchObject({ priority: "medium", estimate: 6 });
  });

  it("clears a value the doc dropped", () => {
    const { board, remotes } = synced();
    const decision = reconcileBoard(tasksOf(DOC.replace("  - **Due:** 2026-03-01\n", ""), remotes), board, config);
    expect(decision.operations).toEqual([
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...TARGET,
        fieldId: "F-target",
        field: "Target date",
        value: null,
      },
    ]);
    expect(decision.records.get("T001")!.f).not.toHaveProperty("target");
  });

  it("leaves a person's change on the board alone while the doc keeps its value", () => {
    const { board, remotes, card } = synced();
    card(1).values["F-priority"] = { singleSelectOptionId: "O-low" };
    card(1).values["F-iteration"] = { iterationId: "I-3" };
    card(1).values["F-target"] = { date: "2026-04-01" };
    const decision = reconcileBoard(tasksOf(DOC, remotes), board, config);
    expect(decision.operations).toEqual([]);
    expect(decision.records.get("T001")!.f).toMatchObject({
      priority: "high",
      iteration: "Sprint 2",
      target: "2026-03-01",
    });
  });

  it("fills a field a person emptied", () => {
    const { board, remotes, card } = synced();
    delete card(1).values["F-estimate"];
    const decision = reconcileBoard(tasksOf(DOC, remotes), board, config);
    expect(decision.operations).toEqual([
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...TARGET,
        fieldId: "F-estimate",
        field: "Estimate",
        value: { number: 4 },
      },
    ]);
  });

  it("reports a Status moved on the board to another known column, and writes nothing", () => {
    const { board, remotes, card } = synced();
    card(1).values["F-status"] = { singleSelectOptionId: "O-done" };
    card(2).values["F-status"] = { singleSelectOptionId: "O-blocked" };
    const decision = reconcileBoard(tasksOf(DOC, remotes), board, config);
    expect(decision.operations).toEqual([]);
    expect(decision.statusMoved).toEqual([1]);
    expect(decision.records.get("T001")!.f.status).toBe("todo");
  });

  it("writes the Status when the doc moved too (the doc wins when it changed)", () => {
    const { board, remotes, card } = synced();
    card(1).values["F-status"] = { singleSelectOptionId: "O-done" };
    const decision = reconcileBoard(tasksOf(DOC.replace("- [ ] T001", "- [~] T001"), remotes), board, config);
    expect(decision.statusMoved).toEqual([]);
    expect(decision.operations).toEqual([
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...TARGET,
        fieldId: "F-status",
        field: "Status",
        value: { singleSelectOptionId: "O-prog" },
      },
    ]);
  });

  it("keeps an epic's Status in step without asking its doc to follow", () => {
    const doc = "### Epic 1: Query API\n\n- [x] **BE-101:** parse\n- [ ] **BE-102:** plan\n";
    const board = boardOf([PROJECT]);
    const first = reconcileBoard(tasksOf(doc), board, config);
    expect(first.records.get("Epic 1")?.f.status).toBe("inProgress");
    const numbers = new Map([
      ["Epic 1", 5],
      ["BE-101", 6],
      ["BE-102", 7],
    ]);
    applyBoard(board, first.operations, numbers);
    const remotes = Object.fromEntries(
      [...numbers].map(([key, n]) => [key, remoteIssue(n, key, first.records.get(key))]),
    );
    board.items.get(KEY)!.get(5)!.values["F-status"] = { singleSelectOptionId: "O-done" };
    const decision = reconcileBoard(tasksOf(doc, remotes), board, config);
    expect(decision.statusMoved).toEqual([]);
    expect(decision.operations).toEqual([]);
  });

  it("writes and records no value that names no option, and names it once", () => {
    const doc = "- [ ] T001: a\n  - **Priority:** Urgent\n  - **Sprint:** 9\n- [ ] T002: b\n  - **Priority:** urgent\n";
    const decision = reconcileBoard(tasksOf(doc), boardOf([PROJECT]), config);
    expect(decision.operations.some((op) => op.kind === "set-project-field" && op.fieldId !== "F-status")).toBe(false);
    expect(decision.records.get("T001")).toEqual({ p: KEY, f: { status: "todo" } });
    expect(decision.notes).toEqual([
      'Board orgs/acme/7: the field "Priority" has no option named "Urgent"; add the option, or change the doc.',
      'Board orgs/acme/7: the field "Iteration" has no iteration titled "Sprint 9"; add the iteration, or change the doc.',
    ]);
  });

  it("names a Status role with no option on the board, with the config to change", () => {
    const fields = FIELDS.map((f) =>
      f.id === "F-status" ? { ...f, options: f.options!.filter((o) => o.name !== "Done") } : f,
    );
    const decision = reconcileBoard(tasksOf(DOC), boardOf([project(fields)]), config);
    expect(decision.notes).toEqual([
      'Board orgs/acme/7: the field "Status" has no option named "Done"; add the option, or list one of its options under project.status.done in .github/plansync.yml.',
    ]);
    expect(decision.records.get("T002")!.f).not.toHaveProperty("status");
  });

  it("writes the first configured status name the board has", () => {
    const custom = boardConfig({
      project: { url: "https://github.com/orgs/acme/projects/7", status: { done: ["Shipped", "done"] } },
    });
    const decision = reconcileBoard(tasksOf(DOC), boardOf([PROJECT]), custom);
    expect(decision.operations.find((op) => taskOf(op) === "T002" && op.kind === "set-project-field")).toMatchObject({
      fieldId: "F-status",
      value: { singleSelectOptionId: "O-done" },
    });
  });

  it("names a missing field once, and a field of the wrong type", () => {
    const fields = FIELDS.filter((f) => f.name !== "Priority").map((f) =>
      f.name === "Estimate" ? { ...f, dataType: "TEXT" } : f,
    );
    const decision = reconcileBoard(tasksOf(DOC), boardOf([project(fields)]), config);
    expect(decision.notes).toEqual([
      'Board orgs/acme/7: the field "Estimate" is a TEXT field, not a number one, so plansync does not fill it; add a number field and set project.fields.estimate in .github/plansync.yml to its name.',
      'Board orgs/acme/7: no field named "Priority"; add a single-select field named "Priority", or set project.fields.priority in .github/plansync.yml to the field\'s name.',
    ]);
    expect(decision.records.get("T001")!.f).toEqual({ status: "todo", iteration: "Sprint 2", target: "2026-03-01" });
  });

  it("finds fields by the configured name, ignoring case", () => {
    const custom = boardConfig({
      project: { url: "https://github.com/orgs/acme/projects/7", fields: { priority: "prio" } },
    });
    const fields = FIELDS.map((f) => (f.name === "Priority" ? { ...f, name: "PRIO" } : f));
    const decision = reconcileBoard(tasksOf(DOC), boardOf([project(fields)]), custom);
    expect(decision.notes).toEqual([]);
    expect(decision.records.get("T001")!.f.priority).toBe("high");
  });

  it("reports an unreadable project once, leaves its cards and keeps the records", () => {
    const { remotes } = synced();
    const board: BoardState = {
      projects: new Map(),
      items: new Map(),
      problems: [
        {
          key: KEY,
          url: "https://github.com/orgs/acme/projects/7",
          reason: "forbidden",
          message: "plansync may not read this project.",
        },
      ],
    };
    const decision = reconcileBoard(tasksOf(DOC, remotes), board, config);
    expect(decision.operations).toEqual([]);
    expect(decision.notes).toEqual([
      "Board orgs/acme/7: plansync may not read this project. Give plansync access to it: the App needs the organisation permission Projects (read and write); a token needs the project scope (Actions' GITHUB_TOKEN cannot reach organisation projects). Its cards were left as they are.",
    ]);
    expect(decision.records.get("T001")).toEqual(remotes.T001.marker.board);
    expect(decision.records.has("T002")).toBe(true);
  });

  it("keeps the records and writes nothing when no board was read", () => {
    const { remotes } = synced();
    const decision = reconcileBoard(tasksOf(DOC, remotes), undefined, config);
    expect(decision).toEqual({
      operations: [],
      records: new Map([
        ["T001", remotes.T001.marker.board],
        ["T002", remotes.T002.marker.board],
      ]),
      statusMoved: [],
      notes: [],
    });
  });

  it("puts a task whose doc moved to another project on the new board and leaves the old card", () => {
    const { board, remotes } = synced();
    const other = project(FIELDS, "users/octo/3");
    board.projects.set(other.key, other);
    const doc = `---\nproject: https://github.com/users/octo/projects/3\n---\n${DOC}`;
    const decision = reconcileBoard(tasksOf(doc, remotes), board, config);
    expect(decision.operations.every((op) => "project" in op && op.project === "users/octo/3")).toBe(true);
    expect(decision.operations.filter((op) => taskOf(op) === "T001").map((op) => op.kind)).toEqual([
      "add-project-item",
      "set-project-field",
      "set-project-field",
      "set-project-field",
      "set-project-field",
      "set-project-field",
    ]);
    expect(decision.records.get("T001")!.p).toBe("users/octo/3");
  });

  it("does nothing for a task on no board", () => {
    const decision = reconcileBoard(tasksOf(DOC), boardOf([PROJECT]), boardConfig({ project: { url: null } }));
    expect(decision).toEqual({ operations: [], records: new Map(), statusMoved: [], notes: [] });
  });

  it("reads a marker recorded for another project as never agreed", () => {
    const { board, remotes, card } = synced();
    card(1).values["F-priority"] = { singleSelectOptionId: "O-low" };
    remotes.T001.marker.board = { p: "orgs/acme/1", f: remotes.T001.marker.board!.f };
    const decision = reconcileBoard(tasksOf(DOC, remotes), board, config);
    expect(decision.operations).toEqual([
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...TARGET,
        fieldId: "F-priority",
        field: "Priority",
        value: { singleSelectOptionId: "O-high" },
      },
    ]);
  });

  it("reads a hand-edited marker value of the wrong kind as never agreed", () => {
    const { board, remotes, card } = synced();
    card(1).values["F-estimate"] = { number: 9 };
    remotes.T001.marker.board = { p: KEY, f: { ...remotes.T001.marker.board!.f, estimate: "4" } };
    const decision = reconcileBoard(tasksOf(DOC, remotes), board, config);
    expect(decision.operations).toEqual([
      {
        kind: "set-project-field",
        issue: { number: 1 },
        taskId: "T001",
        ...TARGET,
        fieldId: "F-estimate",
        field: "Estimate",
        value: { number: 4 },
      },
    ]);
  });

  it("writes no heading in place of a stated sprint the board lacks, and names the stated one", () => {
    const doc = "## Sprint 1\n\n- [ ] T001: a\n  - **Sprint:** 9\n";
    const decision = reconcileBoard(tasksOf(doc), boardOf([PROJECT]), config);
    expect(decision.operations.filter((op) => op.kind === "set-project-field" && op.fieldId === "F-iteration")).toEqual(
      [],
    );
    expect(decision.records.get("T001")!.f).not.toHaveProperty("iteration");
    expect(decision.notes).toEqual([
      'Board orgs/acme/7: the field "Iteration" has no iteration titled "Sprint 9"; add the iteration, or change the doc.',
    ]);
  });

  it("takes a heading naming no iteration as no opinion: no write, no clear, the agreed value kept", () => {
    const doc = "## Sprint 1\n\n- [ ] T001: a\n- [ ] T002: b\n";
    const { board, remotes, card } = synced(doc);
    expect(remotes.T001.marker.board!.f.iteration).toBe("Sprint 1");
    // A person renames the iteration on the board: the heading names none now.
    const iterations = board.projects.get(KEY)!.fields.find((f) => f.id === "F-iteration")!.iterations!;
    iterations[0] = { ...iterations[0]!, title: "Sprint 1 - Auth" };
    const decision = reconcileBoard(tasksOf(doc, remotes), board, config);
    expect(decision.operations).toEqual([]);
    expect(decision.notes).toEqual([]);
    expect(decision.records.get("T001")!.f.iteration).toBe("Sprint 1");
    // The task moves under a heading naming no iteration: still no clear.
    const moved = reconcileBoard(tasksOf("## Cleanup\n\n- [ ] T001: a\n- [ ] T002: b\n", remotes), board, config);
    expect(moved.operations).toEqual([]);
    expect(card(1).values["F-iteration"]).toEqual({ iterationId: "I-1" });
  });

  it("matches an iteration from a heading, and ignores headings that name none", () => {
    const doc = "## 🏃 Sprint 3: Auth\n\n- [ ] T001: a\n\n## Cleanup\n\n- [ ] T002: b\n";
    const decision = reconcileBoard(tasksOf(doc), boardOf([PROJECT]), config);
    expect(decision.records.get("T001")!.f.iteration).toBe("Sprint 3");
    expect(decision.records.get("T002")!.f).not.toHaveProperty("iteration");
    expect(decision.notes).toEqual([]);
  });
});

function taskOf(op: Operation): string | undefined {
  return "taskId" in op ? op.taskId : undefined;
}
