import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * A Projects board kept in step with the doc, end to end: every managed issue is put on the
 * board with its Status, Estimate, Priority and Iteration; a person's change on the board stands
 * until the doc changes that value; a board out of reach is one line in the check run and the
 * issues still sync; a sync cut off after its creates heals without a second card.
 */

const URL = "https://github.com/orgs/acme/projects/7";
const BOARD = { owner: "orgs/acme", number: 7 };
const CONFIG = `project: ${URL}\n`;
const PATH = "docs/plan.md";

const task = (box: string, id: string, title: string, priority: string, estimate: number) =>
  `- [${box}] ${id}: ${title}\n  - **Priority:** ${priority}\n  - **Estimate:** ${estimate}\n`;

const PLAN = [
  "# Billing plan\n\n## Sprint 1\n\n",
  task(" ", "T001", "Set up the repository", "High", 3),
  task("x", "T002", "Write the schema", "Low", 5),
  task("~", "T003", "Wire CI", "Medium", 2),
  task(" ", "T004", "Add linting", "Low", 1),
  "\n## Sprint 2\n\n",
  task(" ", "T005", "Invoice API", "High", 8),
  task(" ", "T006", "Tax rules", "Medium", 5),
  task("x", "T007", "Currency table", "Low", 2),
  task(" ", "T008", "Payment webhook", "High", 3),
].join("");

/** What each card must hold after a sync of PLAN. */
const CARDS: Record<string, Record<string, string | number>> = {
  T001: { Status: "Todo", Estimate: 3, Priority: "High", Iteration: "Sprint 1" },
  T002: { Status: "Done", Estimate: 5, Priority: "Low", Iteration: "Sprint 1" },
  T003: { Status: "In Progress", Estimate: 2, Priority: "Medium", Iteration: "Sprint 1" },
  T004: { Status: "Todo", Estimate: 1, Priority: "Low", Iteration: "Sprint 1" },
  T005: { Status: "Todo", Estimate: 8, Priority: "High", Iteration: "Sprint 2" },
  T006: { Status: "Todo", Estimate: 5, Priority: "Medium", Iteration: "Sprint 2" },
  T007: { Status: "Done", Estimate: 2, Priority: "Low", Iteration: "Sprint 2" },
  T008: { Status: "Todo", Estimate: 3, Priority: "High", Iteration: "Sprint 2" },
};
const VALUED_FIELDS = Object.values(CARDS).reduce((sum, card) => sum + Object.keys(card).length, 0);

const FIELDS = [
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] },
  { name: "Estimate", dataType: "NUMBER" as const },
  { name: "Priority", dataType: "SINGLE_SELECT" as const, options: ["High", "Medium", "Low"] },
  {
    name: "Iteration",
    dataType: "ITERATION" as const,
    iterations: [
      { title: "Sprint 1", startDate: "2026-11-02" },
      { title: "Sprint 2", startDate: "2026-11-16" },
    ],
  },
];

let app: TestApp | undefined;
checkAfterEach(() => app);

function boardApp(fields = FIELDS) {
  app = startApp({ ".github/plansync.yml": CONFIG });
  app.sim.createProject(BOARD.owner, { number: BOARD.number, title: "Billing", fields });
  return app;
}

const numberOf = (id: string) => issueOfTask(app!, id).number as number;
const cardOf = (id: string) => app!.sim.projectItem(BOARD.owner, BOARD.number, numberOf(id))?.values;
const writeIds = () => app!.sim.writes().map((w) => w.operationId);
const boardWrites = () => writeIds().filter((id) => id?.includes("ProjectV2"));
const lastCheckRun = () => app!.sim.checkRuns(FULL).at(-1)!;
const checkText = () => `${lastCheckRun().output.summary ?? ""}\n${lastCheckRun().output.text ?? ""}`;
const boardLines = () =>
  checkText()
    .split("\n")
    .filter((line) => /^\W*Board /.test(line));

describe("a board kept in step with the doc", () => {
  it("puts every issue on the board with its four values, in one write each, and a redelivery writes nothing", async () => {
    boardApp();
    const payload = await app!.push({ [PATH]: PLAN });
    expect(app!.sim.issues(FULL)).toHaveLength(8);
    for (const [id, card] of Object.entries(CARDS)) expect(cardOf(id), id).toEqual(card);
    const writes = writeIds();
    expect(writes.filter((id) => id === "graphql:mutation:addProjectV2ItemById")).toHaveLength(8);
    expect(writes.filter((id) => id === "graphql:mutation:updateProjectV2ItemFieldValue")).toHaveLength(VALUED_FIELDS);
    expect(writes.filter((id) => id === "graphql:mutation:clearProjectV2ItemFieldValue")).toHaveLength(0);
    // The marker records what doc and board agreed on.
    expect(readMarker(issueOfTask(app!, "T003").body)!.board).toEqual({
      p: "orgs/acme/7",
      f: { status: "inProgress", estimate: 2, priority: "Medium", iteration: "Sprint 1" },
    });
    expect(boardLines()).toEqual([]);

    app!.sim.resetLog();
    await app!.receive("push", payload);
    expect(app!.sim.writes()).toEqual([]);
  });

  it("reads the board in two queries (the project, then every card) and no more", async () => {
    boardApp();
    await app!.push({ [PATH]: PLAN });
    await app!.push({ [PATH]: `${PLAN}\n` });
    const boardReads = app!.sim
      .reads()
      .map((r) => r.operationId)
      .filter((id) => id?.startsWith("graphql:query:") && /organization|nodes/.test(id));
    expect(boardReads).toEqual(["graphql:query:organization", "graphql:query:nodes"]);
    expect(app!.sim.writes()).toEqual([]);
  });

  it("keeps a person's Priority through an unrelated push, and writes the doc's once the doc changes it", async () => {
    boardApp();
    await app!.push({ [PATH]: PLAN });
    app!.sim.setProjectField(BOARD, { ownerRepo: FULL, number: numberOf("T005") }, "Priority", "Low");
    await app!.push({ [PATH]: PLAN.replace("Add linting", "Add linting and formatting") });
    expect(boardWrites()).toEqual([]);
    expect(cardOf("T005")).toEqual({ ...CARDS.T005, Priority: "Low" });
    expect(cardOf("T004")).toEqual(CARDS.T004);

    await app!.push({
      [PATH]: PLAN.replace(task(" ", "T005", "Invoice API", "High", 8), task(" ", "T005", "Invoice API", "Medium", 8)),
    });
    expect(boardWrites()).toEqual(["graphql:mutation:updateProjectV2ItemFieldValue"]);
    expect(cardOf("T005")).toEqual({ ...CARDS.T005, Priority: "Medium" });
  });

  it("a sync cut off at its first card write heals on the next, with one card per issue", async () => {
    boardApp();
    app!.sim.beforeNext("graphql:mutation:addProjectV2ItemById", () =>
      app!.sim.failNext({ pathIncludes: "/graphql", status: 502 }),
    );
    await app!.push({ [PATH]: PLAN });
    expect(app!.sim.issues(FULL)).toHaveLength(8);
    expect(app!.sim.projectItems(BOARD.owner, BOARD.number).size).toBe(0);
    // The job stopped there, as on any 5xx; its retry is the next sync here.
    expect(app!.errors.map((e) => (e as Error).name)).toEqual(["SyncStoppedError"]);
    app!.errors.length = 0;

    await app!.push({ [PATH]: `${PLAN}\n` });
    const cards = app!.sim.projectItems(BOARD.owner, BOARD.number);
    expect(cards.size).toBe(8);
    for (const [id, card] of Object.entries(CARDS)) expect(cardOf(id), id).toEqual(card);
    expect(writeIds().filter((id) => id === "graphql:mutation:addProjectV2ItemById")).toHaveLength(8);
    expect(writeIds().filter((id) => id === "graphql:mutation:updateProjectV2ItemFieldValue")).toHaveLength(
      VALUED_FIELDS,
    );
    expect(writeIds().filter((id) => id === "graphql:mutation:createIssue")).toHaveLength(0);

    app!.sim.resetLog();
    await app!.push({ [PATH]: `${PLAN}\n\n` });
    expect(app!.sim.writes()).toEqual([]);
  });
});

describe("a board plansync cannot use", () => {
  it("a missing permission is one line naming the permission, and the issues still sync", async () => {
    boardApp();
    app!.sim.forbidProjects();
    await app!.push({ [PATH]: PLAN });
    expect(app!.sim.issues(FULL)).toHaveLength(8);
    expect(boardWrites()).toEqual([]);
    expect(boardLines()).toHaveLength(1);
    expect(boardLines()[0]).toContain(`plansync cannot reach ${URL}.`);
    expect(boardLines()[0]).toContain("the organisation permission Projects (read and write)");
  });

  it("a missing project is one line naming the address, and the issues still sync", async () => {
    app = startApp({ ".github/plansync.yml": "project: https://github.com/orgs/acme/projects/9\n" });
    app.sim.createProject(BOARD.owner, { number: BOARD.number, fields: FIELDS });
    await app.push({ [PATH]: PLAN });
    expect(app.sim.issues(FULL)).toHaveLength(8);
    expect(boardWrites()).toEqual([]);
    expect(boardLines()).toHaveLength(1);
    expect(boardLines()[0]).toContain("https://github.com/orgs/acme/projects/9 was not found");
  });

  it("a missing field is one line naming it; the other fields are still written", async () => {
    boardApp(FIELDS.filter((f) => f.name !== "Priority"));
    await app!.push({ [PATH]: PLAN });
    expect(app!.sim.issues(FULL)).toHaveLength(8);
    expect(boardLines()).toHaveLength(1);
    expect(boardLines()[0]).toContain('no field named "Priority"');
    const { Priority: _dropped, ...rest } = CARDS.T001!;
    expect(cardOf("T001")).toEqual(rest);
  });
});
