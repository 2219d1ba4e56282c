import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * a busy board. GitHub allows 50 fields a project; a team fills its own fields on
 * each card. plansync reads a card's values 30 at a time (read-board.ts VALUES_PER_ITEM) and never
 * pages on, so its Status and Priority, placed after the team's fields, read as empty.
 */

const URL = "https://github.com/orgs/acme/projects/7";
const BOARD = { owner: "orgs/acme", number: 7 };
const PATH = "docs/plan.md";
const TEAM_FIELDS = Array.from({ length: 40 }, (_, i) => ({ name: `Team ${i + 1}`, dataType: "NUMBER" as const }));
const FIELDS = [
  ...TEAM_FIELDS,
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] },
  { name: "Priority", dataType: "SINGLE_SELECT" as const, options: ["High", "Medium", "Low"] },
];
const PLAN = "# Plan\n\n- [ ] T001: Login\n  - **Priority:** High\n- [ ] T002: Logout\n";

let app: TestApp;
checkAfterEach(() => app);

const numberOf = (id: string) => issueOfTask(app, id).number as number;
const cardOf = (id: string) => app.sim.projectItem(BOARD.owner, BOARD.number, numberOf(id))?.values;
const boardWrites = () => app.sim.writes().filter((w) => w.operationId?.includes("ProjectV2"));

describe("board: a board with many fields", () => {
  it("a person's Priority on a well-filled card survives an unrelated push (0 board writes)", async () => {
    app = startApp({ ".github/plansync.yml": `project: ${URL}\n` });
    app.sim.createProject(BOARD.owner, { number: BOARD.number, fields: FIELDS });
    await app.push({ [PATH]: PLAN });
    expect(cardOf("T001")).toMatchObject({ Status: "Todo", Priority: "High" });
    // The team fills its own fields, and someone lowers T001's priority on the board.
    for (const field of TEAM_FIELDS)
      app.sim.setProjectField(BOARD, { ownerRepo: FULL, number: numberOf("T001") }, field.name, 1);
    app.sim.setProjectField(BOARD, { ownerRepo: FULL, number: numberOf("T001") }, "Priority", "Low");

    await app.push({ [PATH]: PLAN.replace("Logout", "Log out") });
    expect(boardWrites().map((w) => w.operationId)).toEqual([]);
    expect(cardOf("T001")!.Priority).toBe("Low");
  });
});
