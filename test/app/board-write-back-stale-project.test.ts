import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "../app/app-harness.js";

const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] TB-1 First\n- [ ] TB-2 Second\n";
const MOVED = "---\nproject: https://github.com/orgs/octo/projects/99\n---\n" + PLAN;

let app: TestApp;
checkAfterEach(() => app);

describe("threat: a card on a project that is no longer the task's", () => {
  it("after the doc names another board (out of reach), a Status move on the old board writes nothing to the doc", async () => {
    app = startApp(
      { ".github/plansync.yml": "project: https://github.com/orgs/octo/projects/7\ntypes: false\n" },
      {
        ownerType: "Organization",
      },
    );
    app.sim.createProject("orgs/octo", {
      number: 7,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    await app.push({ [PATH]: PLAN });
    expect(readMarker(issueOfTask(app, "TB-1").body)!.board!.p).toBe("orgs/octo/7");
    // A writer moves the doc to board 99 (a typo, or a board the app was not granted yet).
    await app.push({ [PATH]: MOVED });
    expect(app.errors).toEqual([]);
    // The task's project is now orgs/octo/99. Someone moves the old card on board 7.
    const number = issueOfTask(app, "TB-1").number;
    const payload = app.sim.editProjectItem(
      { owner: "orgs/octo", number: 7 },
      { ownerRepo: FULL, number },
      "Status",
      "Done",
    );
    app.sim.resetLog();
    await app.receive("projects_v2_item", payload);
    // README (Board to doc): "Nothing is written for a card on a project that is not the task's
    // (config project.url, or the doc's frontmatter project:)".
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(MOVED);
    expect(issueOfTask(app, "TB-1").state).toBe("open");
    expect(app.sim.writes().map((r) => `${r.method} ${r.operationId}`)).toEqual([]);
  });
});
