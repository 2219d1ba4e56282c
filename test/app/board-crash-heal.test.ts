import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * a sync cut off between the issue's marker update and the card's field write.
 * The marker already records the doc's new value as "agreed", so the next sync takes the card's
 * stale value for a person's change: the doc's change never reaches the board, and a stale Status
 * is even carried back into the doc (the user's tick is undone).
 */

const URL = "https://github.com/orgs/acme/projects/7";
const BOARD = { owner: "orgs/acme", number: 7 };
const PATH = "docs/plan.md";
const FIELDS = [
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] },
  { name: "Priority", dataType: "SINGLE_SELECT" as const, options: ["High", "Medium", "Low"] },
];
const task = (box: string, id: string, priority: string) =>
  `- [${box}] ${id}: Task ${id}\n  - **Priority:** ${priority}\n`;
const PLAN = `# Plan\n\n${task(" ", "T001", "High")}${task(" ", "T002", "Low")}`;

let app: TestApp;
checkAfterEach(() => app, { jobErrors: true });

const numberOf = (id: string) => issueOfTask(app, id).number as number;
const cardOf = (id: string) => app.sim.projectItem(BOARD.owner, BOARD.number, numberOf(id))?.values;

async function start() {
  app = startApp({ ".github/plansync.yml": `project: ${URL}\n` });
  app.sim.createProject(BOARD.owner, { number: BOARD.number, fields: FIELDS });
  await app.push({ [PATH]: PLAN });
  expect(cardOf("T001")).toEqual({ Status: "Todo", Priority: "High" });
}

/** The next card field write fails with a 502, as GitHub's do now and then: the sync stops there. */
function cutAtFieldWrite() {
  app.sim.beforeNext("graphql:mutation:updateProjectV2ItemFieldValue", () =>
    app.sim.failNext({ pathIncludes: "/graphql", status: 502 }),
  );
}

describe("board: a sync cut off at a card write heals on the next sync", () => {
  it("a Priority the doc changed reaches the board on the re-sync", async () => {
    await start();
    const changed = PLAN.replace(task(" ", "T001", "High"), task(" ", "T001", "Medium"));
    cutAtFieldWrite();
    await app.push({ [PATH]: changed });
    expect(app.errors.length).toBeGreaterThan(0); // the sync stopped at the 502
    app.errors.length = 0;
    // Nobody touched the board. The re-sync (a retry, a later push) must finish the job.
    await app.push({ [PATH]: `${changed}\n` });
    expect(cardOf("T001")).toEqual({ Status: "Todo", Priority: "Medium" });
  });

  it("a box ticked in the doc stays ticked and the card becomes Done after the re-sync", async () => {
    await start();
    const ticked = PLAN.replace("- [ ] T001", "- [x] T001");
    cutAtFieldWrite();
    await app.push({ [PATH]: ticked });
    expect(app.errors.length).toBeGreaterThan(0);
    app.errors.length = 0;
    // The card is written before the marker: cut off at the card, the marker still records Todo.
    expect(readMarker(issueOfTask(app, "T001").body)!.board!.f.status).toBe("todo");
    await app.push({ [PATH]: `${ticked}\n` });
    // The doc is the user's: a crash must not untick it, nor reopen the issue.
    expect(app.sim.readFile(FULL, "main", PATH)).toContain("- [x] T001");
    expect(issueOfTask(app, "T001").state).toBe("closed");
    expect(cardOf("T001")!.Status).toBe("Done");
  });
});
