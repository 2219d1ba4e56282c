import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/** Board: a project address copied from the browser, with its view and query, names the project. */

let app: TestApp;
checkAfterEach(() => app);

describe("board: a project address with a view", () => {
  it("config and frontmatter addresses ending in /views/N?… put the cards on the project", async () => {
    app = startApp({
      ".github/plansync.yml": "project: https://github.com/orgs/acme/projects/7/views/1?layout=board\n",
    });
    app.sim.createProject("orgs/acme", { number: 7, fields: [{ name: "Estimate", dataType: "NUMBER" }] });
    app.sim.createProject("orgs/acme", { number: 9, fields: [{ name: "Estimate", dataType: "NUMBER" }] });
    await app.push({
      "docs/a.md": "# Plan\n\n- [ ] T001: A ~2h\n",
      "docs/b.md": "---\nproject: https://github.com/orgs/acme/projects/9/views/3/\n---\n# Plan\n\n- [ ] T002: B ~3h\n",
    });
    expect(app.sim.issues(FULL)).toHaveLength(2);
    expect(app.sim.projectItem("orgs/acme", 7, issueOfTask(app, "T001").number)?.values).toEqual({ Estimate: 2 });
    expect(app.sim.projectItem("orgs/acme", 9, issueOfTask(app, "T002").number)?.values).toEqual({ Estimate: 3 });
  });
});
