import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configSchema, type PlansyncConfig } from "../../src/config/config-schema.js";
import type { Plan, Task } from "../../src/plan/index.js";
import { currentValue, ROLE_FIELD_TYPES, sameValue } from "../../src/sync/board-fields.js";
import type {
  BoardItem,
  BoardMarker,
  BoardRole,
  BoardState,
  BoardValues,
  ProjectBoard,
  ProjectField,
  ProjectFieldValue,
} from "../../src/sync/board-types.js";
import { BOARD_ROLES } from "../../src/sync/board-types.js";
import type { LocatedTask } from "../../src/sync/collect-tasks.js";
import { reconcileBoard, type BoardDecision, type BoardTask } from "../../src/sync/reconcile-board.js";
import type { Operation, PlanFile, RemoteIssue } from "../../src/sync/sync-types.js";
import { calendarDate } from "../../src/sync/board-doc-fields.js";
import { boardValues } from "../../src/sync/board-values.js";
import { iterationCandidates } from "../../src/sync/board-iteration.js";
import { statusOfOption } from "../../src/sync/board-status.js";
import { applyBoard, remoteIssue } from "./board-model.js";

const KEY_A = "orgs/acme/7";
const KEY_B = "users/octo/3";
const URL_A = "https://github.com/orgs/acme/projects/7";
const URL_B = "https://github.com/users/octo/projects/3";

const STATUS_NAMES = ["Todo", "In Progress", "Done", "Blocked", "Doing"];
const PRIORITY_NAMES = ["High", "🔥 High", "Medium", "low", "P1", "🔴 Critical"];
const ITERATION_TITLES = ["Sprint 1", "Sprint 2", "sprint  3", "Backend"];
const DATES = ["2026-01-05", "2026-03-01", "2026-02-30", "soon"];

const STATUS_CONFIGS = [
  {},
  { inProgress: ["Doing", "In Progress"] },
  // Overlapping lists: a status must still read back as what was written.
  { todo: ["Todo", "Done"], done: ["Done", "Shipped"] },
];

const fieldNames: Record<BoardRole, string> = {
  status: "Status",
  estimate: "Estimate",
  priority: "Priority",
  iteration: "Iteration",
  start: "Start date",
  target: "Target date",
};

const arbField = (role: BoardRole) =>
  fc.record({
    present: fc.constantFrom("yes", "yes", "yes", "no", "wrong-type"),
    nameCase: fc.boolean(),
    options: fc.subarray(role === "status" ? STATUS_NAMES : PRIORITY_NAMES),
    iterations: fc.subarray(ITERATION_TITLES),
  });

const arbProject = fc.record(
  Object.fromEntries(BOARD_ROLES.map((role) => [role, arbField(role)])) as {
    [R in BoardRole]: ReturnType<typeof arbField>;
  },
);

function buildProject(key: string, spec: Record<BoardRole, FieldSpec>): ProjectBoard {
  const fields: ProjectField[] = [];
  for (const role of BOARD_ROLES) {
    const s = spec[role];
    if (s.present === "no") continue;
    const name = s.nameCase ? fieldNames[role].toUpperCase() : fieldNames[role];
    const dataType =
      s.present === "wrong-type" ? (ROLE_FIELD_TYPES[role] === "TEXT" ? "NUMBER" : "TEXT") : ROLE_FIELD_TYPES[role];
    const field: ProjectField = { id: `${key}-F-${role}`, name, dataType };
    if (dataType === "SINGLE_SELECT")
      field.options = s.options.map((o, i) => ({ id: `${key}-${role}-O${i}`, name: o }));
    if (dataType === "ITERATION")
      field.iterations = s.iterations.map((t, i) => ({ id: `${key}-I${i}`, title: t, startDate: "2026-01-01" }));
    fields.push(field);
  }
  return { key, url: key === KEY_A ? URL_A : URL_B, id: `P-${key}`, title: key, fields };
}

type FieldSpec = { present: string; nameCase: boolean; options: string[]; iterations: string[] };

const arbTaskSpec = fc.record({
  box: fc.constantFrom("todo", "done", "progress", "none"),
  epic: fc.constantFrom(false, false, false, false, true),
  inB: fc.boolean(),
  points: fc.option(fc.integer({ min: 0, max: 13 })),
  estimate: fc.option(fc.constantFrom("4h", "1.5h", "30m", "2d", "x")),
  priorityLabel: fc.option(fc.constantFrom("high", "P1", "urgent", "medium")),
  priorityField: fc.option(fc.constantFrom("🔥 High", "Low", "Nope")),
  sprint: fc.option(fc.constantFrom("1", "2", "9", "Sprint 3", "")),
  sections: fc.subarray(["Sprint 2", "🏃 Sprint 3: Auth", "Backend", "High Priority", "Setup"]),
  milestone: fc.option(fc.constantFrom("M1", "M2")),
  start: fc.option(fc.constantFrom(...DATES)),
  due: fc.option(fc.constantFrom(...DATES)),
  remote: fc.constantFrom("new", "existing", "existing"),
  // A marker as a previous sync of this doc left it ("doc"), with some values since changed, or made up.
  markerMode: fc.constantFrom("none", "doc", "doc", "doc", "changed", "changed", "random"),
  marker: fc.option(
    fc.record({
      p: fc.constantFrom(KEY_A, KEY_A, KEY_B, "orgs/acme/1"),
      f: fc.dictionary(
        fc.constantFrom(...BOARD_ROLES),
        fc.oneof(
          fc.constantFrom("todo", "inProgress", "done", "high", "P1", "Sprint 2", "2026-03-01", "junk"),
          fc.constantFrom(4, 1.5, 0, -1),
        ),
      ),
    }),
  ),
  card: fc.constantFrom("none", "present", "present", "present"),
  cardValues: fc.record(
    Object.fromEntries(
      BOARD_ROLES.map((role) => [
        role,
        fc.oneof(fc.nat({ max: 6 }), fc.constantFrom("clear", "unknown", "wrong-shape", "number", "date")),
      ]),
    ) as Record<BoardRole, fc.Arbitrary<number | string>>,
    { requiredKeys: [] },
  ),
});

const arbWorld = fc.record({
  tasks: fc.array(arbTaskSpec, { maxLength: 6 }),
  projectA: arbProject,
  projectB: arbProject,
  bRead: fc.constantFrom("read", "problem", "absent"),
  boardRead: fc.constantFrom(true, true, true, false),
  docB: fc.constantFrom(URL_B, "not a url"),
  docSprint: fc.option(fc.constantFrom("2", "Sprint 1")),
  statusConfig: fc.constantFrom(...STATUS_CONFIGS),
  milestones: fc.record({ m1Start: fc.option(fc.constantFrom(...DATES)), m1Due: fc.option(fc.constantFrom(...DATES)) }),
});

type World = unknown;

function task(id: string, spec: TaskSpec): Task {
  const fields: Record<string, string> = {};
  if (spec.priorityField !== null) fields.Priority = spec.priorityField;
  if (spec.sprint !== null) fields.Sprint = spec.sprint;
  if (spec.start !== null) fields.Start = spec.start;
  if (spec.due !== null) fields.Due = spec.due;
  return {
    id,
    title: id,
    checked: spec.box === "none" ? null : spec.box === "done",
    inProgress: spec.box === "progress",
    optional: false,
    line: 1,
    column: 1,
    points: spec.points,
    milestone: spec.milestone,
    section: spec.sections,
    labels: spec.priorityLabel === null ? [] : [`priority: ${spec.priorityLabel}`],
    parent: null,
    markers: [],
    body: "",
    checklist: [],
    fields,
    checkbox: { markOffset: null, mark: null, contentOffset: 0 },
    dependsOn: [],
    epic: null,
    estimate: spec.estimate,
  };
}

type TaskSpec = {
  box: string;
  epic: boolean;
  inB: boolean;
  points: number | null;
  estimate: string | null;
  priorityLabel: string | null;
  priorityField: string | null;
  sprint: string | null;
  sections: string[];
  milestone: string | null;
  start: string | null;
  due: string | null;
  remote: string;
  markerMode: string;
  marker: { p: string; f: Record<string, string | number> } | null;
  card: string;
  cardValues: Partial<Record<BoardRole, number | string>>;
};

interface Setup {
  tasks: BoardTask[];
  board: BoardState | undefined;
  config: PlansyncConfig;
  numbers: Map<string, number>;
}

function setup(world: World): Setup {
  const w = world as unknown as WorldShape;
  const config = configSchema.parse({ project: { url: URL_A, status: w.statusConfig } });
  const milestones = [
    {
      title: "M1",
      dueOn: w.milestones.m1Due,
      startOn: w.milestones.m1Start,
      state: "open" as const,
      stated: false,
      line: 1,
    },
    { title: "M2", dueOn: null, state: "open" as const, stated: false, line: 1 },
  ];
  const plan = (project?: string): Plan => ({
    milestone: null,
    milestones,
    tasks: [],
    diagnostics: [],
    fields: w.docSprint === null ? {} : { Sprint: w.docSprint },
    title: null,
    unassigned: [],
    epics: [],
    overview: null,
    ...(project ? { project } : {}),
  });
  const fileA: PlanFile = { path: "docs/a.md", plan: plan() };
  const fileB: PlanFile = { path: "docs/b.md", plan: plan(w.docB) };
  const projectA = buildProject(KEY_A, w.projectA);
  const projectB = buildProject(KEY_B, w.projectB);
  const projects = [projectA, ...(w.bRead === "read" ? [projectB] : [])];
  const board: BoardState = {
    projects: new Map(projects.map((p) => [p.key, p])),
    items: new Map(projects.map((p) => [p.key, new Map<number, BoardItem>()])),
    problems: w.bRead === "problem" ? [{ key: KEY_B, url: URL_B, reason: "forbidden", message: "No access." }] : [],
  };
  const numbers = new Map<string, number>();
  const tasks = w.tasks.map((spec, index): BoardTask => {
    const id = `T${String(index + 1).padStart(3, "0")}`;
    const file = spec.inB ? fileB : fileA;
    const located: LocatedTask = {
      task: task(id, spec),
      file,
      scope: null,
      key: id,
      ...(spec.epic ? { epic: true } : {}),
    };
    const number = index + 1;
    numbers.set(id, number);
    if (spec.remote === "new") return { located, remote: undefined };
    const onB = spec.inB && w.docB === URL_B;
    const remote = remoteIssue(number, id, markerOf(located, spec, onB ? KEY_B : KEY_A, config));
    const project = onB ? projectB : projectA;
    const items = board.items.get(project.key);
    if (spec.card === "present" && items)
      items.set(number, { itemId: `ITEM-${number}`, values: cardValues(project, spec) });
    return { located, remote };
  });
  return { tasks, board: w.boardRead ? board : undefined, config, numbers };
}

type WorldShape = {
  tasks: TaskSpec[];
  projectA: Record<BoardRole, FieldSpec>;
  projectB: Record<BoardRole, FieldSpec>;
  bRead: string;
  boardRead: boolean;
  docB: string;
  docSprint: string | null;
  statusConfig: Record<string, string[]>;
  milestones: { m1Start: string | null; m1Due: string | null };
};

function markerOf(located: LocatedTask, spec: TaskSpec, key: string, config: PlansyncConfig): BoardMarker | undefined {
  const made = (spec.marker?.f ?? {}) as BoardValues;
  const doc = boardValues(located, config);
  switch (spec.markerMode) {
    case "doc":
      return { p: key, f: doc };
    case "changed":
      return { p: key, f: { ...doc, ...made } };
    case "random":
      return spec.marker ? { p: spec.marker.p, f: made } : undefined;
    default:
      return undefined;
  }
}

/** A card's values: real options and iterations, ids the board does not know, values of the wrong shape. */
function cardValues(project: ProjectBoard, spec: TaskSpec): Record<string, ProjectFieldValue> {
  const values: Record<string, ProjectFieldValue> = {};
  for (const [role, choice] of Object.entries(spec.cardValues)) {
    const field = project.fields.find((f) => f.id === `${project.key}-F-${role}`);
    if (!field || choice === "clear") continue;
    if (choice === "unknown") values[field.id] = { singleSelectOptionId: "nope" };
    else if (choice === "wrong-shape") values[field.id] = { text: "hello" };
    else if (choice === "number") values[field.id] = { number: 4 };
    else if (choice === "date") values[field.id] = { date: "2026-03-01" };
    else if (typeof choice === "number") {
      const option = field.options?.[choice % Math.max(1, field.options.length)];
      const iteration = field.iterations?.[choice % Math.max(1, field.iterations.length)];
      if (option) values[field.id] = { singleSelectOptionId: option.id };
      else if (iteration) values[field.id] = { iterationId: iteration.id };
      else if (field.dataType === "NUMBER") values[field.id] = { number: choice };
      else if (field.dataType === "DATE") values[field.id] = { date: DATES[choice % 2]! };
    }
  }
  return values;
}

/** After the operations and records are applied, every task has an issue whose marker holds its record. */
function nextTasks(s: Setup, decision: BoardDecision): BoardTask[] {
  return s.tasks.map(({ located, remote }) => {
    const record = decision.records.get(located.key);
    const issue = remote ?? remoteIssue(s.numbers.get(located.key)!, located.task.id);
    const marker = { ...issue.marker };
    delete marker.board;
    if (record) marker.board = record;
    return { located, remote: { ...issue, marker } };
  });
}

/** Write-back of a moved Status: the doc's box follows the board's column. */
function writeBack(s: Setup, tasks: BoardTask[], moved: readonly number[]): BoardTask[] {
  if (moved.length === 0 || !s.board) return tasks;
  return tasks.map((t) => {
    if (!t.remote || !moved.includes(t.remote.number)) return t;
    for (const [key, items] of s.board!.items) {
      const item = items.get(t.remote.number);
      const field = s.board!.projects.get(key)?.fields.find((f) => f.id === `${key}-F-status`);
      if (!item || !field) continue;
      const role = currentValue("status", field, item.values[field.id], s.config);
      const task = { ...t.located.task, checked: role === "done", inProgress: role === "inProgress" };
      return { ...t, located: { ...t.located, task } };
    }
    return t;
  });
}

const RUNS = { numRuns: 400 };

describe("reconcileBoard properties", () => {
  it("decides nothing more once its operations and records are applied (and moved statuses written back)", () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const s = setup(world);
        const first = reconcileBoard(s.tasks, s.board, s.config);
        if (s.board) applyBoard(s.board, first.operations, s.numbers);
        const tasks = writeBack(s, nextTasks(s, first), first.statusMoved);
        const second = reconcileBoard(tasks, s.board, s.config);
        expect(second.operations).toEqual([]);
        expect(second.statusMoved).toEqual([]);
      }),
      RUNS,
    );
  });

  it("never writes over a person's non-empty value while the doc keeps the agreed one", () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const s = setup(world);
        const decision = reconcileBoard(s.tasks, s.board, s.config);
        for (const { located, remote } of s.tasks) {
          const record = decision.records.get(located.key);
          if (!remote || !record || !s.board || remote.marker.board?.p !== record.p) continue;
          const project = s.board.projects.get(record.p);
          const item = s.board.items.get(record.p)?.get(remote.number);
          if (!project || !item) continue;
          for (const field of project.fields) {
            const role = BOARD_ROLES.find((r) => field.id === `${record.p}-F-${r}`)!;
            if (field.dataType !== ROLE_FIELD_TYPES[role]) continue;
            const current = currentValue(role, field, item.values[field.id], s.config);
            const agreed = remote.marker.board.f[role];
            const doc = record.f[role];
            if (current === undefined || doc === undefined || !sameValue(role, doc, agreed)) continue;
            const writes = decision.operations.filter(
              (op) => op.kind === "set-project-field" && op.taskId === located.key && op.fieldId === field.id,
            );
            expect(writes).toEqual([]);
          }
        }
      }),
      RUNS,
    );
  });

  it("never clears a card's Iteration on a guess: with nothing stated, no guess naming one keeps the agreed value", () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const s = setup(world);
        const decision = reconcileBoard(s.tasks, s.board, s.config);
        for (const { located, remote } of s.tasks) {
          if (iterationCandidates(located).stated > 0) continue;
          const clears = decision.operations.filter(
            (op) => op.kind === "set-project-field" && op.taskId === located.key && op.value === null,
          );
          expect(clears.filter((op) => op.kind === "set-project-field" && op.fieldId.endsWith("-F-iteration"))).toEqual(
            [],
          );
          // No guess names an iteration of the board: the record keeps what was agreed.
          const record = decision.records.get(located.key);
          const field = s.board?.projects.get(record?.p ?? "")?.fields.find((f) => f.dataType === "ITERATION");
          if (!record || !field || remote?.marker.board?.p !== record.p) continue;
          const named = iterationCandidates(located).titles.some((t) =>
            field.iterations?.some((i) => sameValue("iteration", i.title, t)),
          );
          const agreed = remote.marker.board.f.iteration;
          if (!named && typeof agreed === "string" && agreed !== "") expect(record.f.iteration).toBe(agreed);
        }
      }),
      RUNS,
    );
  });

  it("writes only to fields that exist, with values that resolve there", () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const s = setup(world);
        const decision = reconcileBoard(s.tasks, s.board, s.config);
        for (const op of decision.operations) {
          if (op.kind !== "set-project-field" && op.kind !== "add-project-item") throw new Error(op.kind);
          const project = s.board?.projects.get(op.project);
          expect(project?.id).toBe(op.projectId);
          if (op.kind !== "set-project-field") continue;
          const field = project!.fields.find((f) => f.id === op.fieldId)!;
          const role = BOARD_ROLES.find((r) => op.fieldId === `${op.project}-F-${r}`)!;
          expect(field.name).toBe(op.field);
          expect(field.dataType).toBe(ROLE_FIELD_TYPES[role]);
          expect(resolves(field, op.value, role, s.config)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("adds a card at most once per task, before its sets, and sets a field at most once", () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const s = setup(world);
        const decision = reconcileBoard(s.tasks, s.board, s.config);
        const added = new Set<string>();
        const set = new Set<string>();
        for (const op of decision.operations) {
          if (op.kind === "add-project-item") {
            expect(added.has(op.taskId)).toBe(false);
            expect([...set].some((k) => k.startsWith(`${op.taskId}\u0000`))).toBe(false);
            added.add(op.taskId);
          } else if (op.kind === "set-project-field") {
            const key = `${op.taskId}\u0000${op.fieldId}`;
            expect(set.has(key)).toBe(false);
            set.add(key);
            const number = "number" in op.issue ? op.issue.number : undefined;
            const hasCard = number !== undefined && s.board!.items.get(op.project)?.has(number);
            expect(hasCard || added.has(op.taskId)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it("never throws, whatever the markers, cards and fields hold", () => {
    const junk = fc.oneof(fc.anything(), fc.constant(undefined));
    fc.assert(
      fc.property(arbWorld, junk, junk, fc.boolean(), (world, markerJunk, valueJunk, bareFields) => {
        const s = setup(world);
        for (const t of s.tasks)
          if (t.remote) t.remote.marker.board = { p: KEY_A, f: { status: markerJunk, estimate: markerJunk } as never };
        for (const items of s.board?.items.values() ?? [])
          for (const item of items.values())
            for (const id of Object.keys(item.values)) item.values[id] = valueJunk as never;
        if (bareFields)
          for (const project of s.board?.projects.values() ?? [])
            for (const field of project.fields) {
              delete field.options;
              delete field.iterations;
            }
        expect(() => reconcileBoard(s.tasks, s.board, s.config)).not.toThrow();
      }),
      RUNS,
    );
  });
});

function resolves(
  field: ProjectField,
  value: ProjectFieldValue | null,
  role: BoardRole,
  config: PlansyncConfig,
): boolean {
  if (value === null) return true;
  if ("singleSelectOptionId" in value) {
    const option = field.options?.find((o) => o.id === value.singleSelectOptionId);
    return option !== undefined && (role !== "status" || statusOfOption(option.name, config) !== null);
  }
  if ("iterationId" in value) return field.iterations?.some((i) => i.id === value.iterationId) ?? false;
  if ("number" in value) return Number.isFinite(value.number);
  if ("date" in value) return calendarDate(value.date) === value.date;
  return false;
}

export type { Operation, RemoteIssue };
