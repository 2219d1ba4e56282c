import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * Board: Estimate shapes. README: Estimate is "the task's points, else its time estimate in hours
 * (`~4h`, `**Estimate:** 1.5h`)": an Estimate field stating points (`3 points`) or `~4h` fills it.
 */

const BOARD = { owner: "orgs/acme", number: 7 };
let app: TestApp;
checkAfterEach(() => app);

describe("board: Estimate from the doc's own words", () => {
  it("`**Estimate:** 3 points` and `**Estimate:** ~4h` fill the Estimate field", async () => {
    app = startApp({ ".github/plansync.yml": "project: https://github.com/orgs/acme/projects/7\n" });
    app.sim.createProject(BOARD.owner, { number: 7, fields: [{ name: "Estimate", dataType: "NUMBER" }] });
    await app.push({
      "docs/plan.md": "# Plan\n\n- [ ] T001: A\n  - **Estimate:** 3 points\n- [ ] T002: B\n  - **Estimate:** ~4h\n",
    });
    const card = (id: string) => app.sim.projectItem(BOARD.owner, 7, issueOfTask(app, id).number)?.values;
    expect(app.sim.issues(FULL)).toHaveLength(2);
    expect(card("T001")).toEqual({ Estimate: 3 });
    expect(card("T002")).toEqual({ Estimate: 4 });
  });
});
