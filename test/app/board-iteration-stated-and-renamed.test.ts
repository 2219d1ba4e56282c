import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/** Board: the Iteration field, as a doc states it and as a board renames it. */

const URL = "https://github.com/orgs/acme/projects/7";
const BOARD = { owner: "orgs/acme", number: 7 };
const PATH = "docs/plan.md";
const FIELDS = [
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] },
  {
    name: "Iteration",
    dataType: "ITERATION" as const,
    iterations: [
      { title: "Sprint 1", startDate: "2026-11-02" },
      { title: "Sprint 2", startDate: "2026-11-16" },
    ],
  },
];

let app: TestApp;
checkAfterEach(() => app);

const numberOf = (id: string) => issueOfTask(app, id).number as number;
const cardOf = (id: string) => app.sim.projectItem(BOARD.owner, BOARD.number, numberOf(id))?.values;
const boardWrites = () => app.sim.writes().filter((w) => w.operationId?.includes("ProjectV2"));
const checkText = () => {
  const run = app.sim.checkRuns(FULL).at(-1)!;
  return `${run.output.summary ?? ""}\n${run.output.text ?? ""}`;
};

function start() {
  app = startApp({ ".github/plansync.yml": `project: ${URL}\n` });
  app.sim.createProject(BOARD.owner, { number: BOARD.number, fields: FIELDS });
}

describe("board: Iteration", () => {
  it("a stated **Sprint:** the board lacks is not written (the heading is no substitute) and the check run names it", async () => {
    start();
    // The doc says Sprint 9 in so many words; the board has no Sprint 9 yet.
    await app.push({ [PATH]: "# Plan\n\n## Sprint 1\n\n- [ ] T001: Login\n  - **Sprint:** 9\n" });
    // README: "A value naming no option or iteration on the board is not written, and the check run names the option to add."
    expect(cardOf("T001")!.Iteration).toBeUndefined();
    expect(checkText()).toContain('no iteration titled "Sprint 9"');
    expect(cardOf("T001")!.Iteration).toBeUndefined();
  });

  it("renaming an iteration on the board does not make the next unrelated sync clear the cards' Iteration", async () => {
    start();
    const plan = "# Plan\n\n## Sprint 1\n\n- [ ] T001: Login\n- [ ] T002: Logout\n";
    await app.push({ [PATH]: plan });
    expect(cardOf("T001")!.Iteration).toBe("Sprint 1");
    // A person renames the iteration on the board (same iteration, same id, new title).
    const project =
      (app.sim as any).state &&
      (await import("../sim/graphql-projects-sim.js")).requireProject(
        (app.sim as any).state,
        BOARD.owner,
        BOARD.number,
      );
    project.fields.find((f: any) => f.name === "Iteration").iterations[0].title = "Sprint 1 - Auth";
    // An unrelated doc change; nothing about T001's sprint changed in the doc.
    await app.push({ [PATH]: plan.replace("Logout", "Log out") });
    expect(boardWrites().map((w) => w.operationId)).toEqual([]);
    expect(cardOf("T001")!.Iteration).toBe("Sprint 1 - Auth");
  });
});
