import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, startApp, type TestApp } from "./app-harness.js";

/**
 * A project address names its host. An App installed on github.com given a
 * GitHub Enterprise Server project's address (another host) must not fill github.com's
 * same-numbered project of a same-named organisation: that is someone else's board.
 */

let app: TestApp;
checkAfterEach(() => app);

describe("a project URL on another host", () => {
  it("writes nothing to github.com's orgs/octo/projects/7 when the config names ghe.example.com's", async () => {
    app = startApp(
      { ".github/plansync.yml": "project: https://ghe.example.com/orgs/octo/projects/7\ntypes: false\n" },
      { ownerType: "Organization" },
    );
    app.sim.createProject("orgs/octo", {
      number: 7,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    await app.push({ "docs/plan.md": "# Plan\n\n- [ ] BW-1 First\n" });
    expect(app.sim.issues(FULL)).toHaveLength(1);
    const boardWrites = app.sim.writes().filter((w) => w.operationId?.includes("ProjectV2"));
    expect(boardWrites.map((w) => w.operationId)).toEqual([]);
    const boardReads = app.sim
      .reads()
      .filter((r) => r.operationId?.includes("graphql") && JSON.stringify(r.body ?? "").includes("projectV2"));
    expect(boardReads).toEqual([]);
    const summary = JSON.stringify(app.sim.checkRuns(FULL).at(-1)?.output ?? {});
    expect(summary).toContain("is on another GitHub host than this repository");
    expect(summary.match(/ghe\.example\.com\/orgs\/octo\/projects\/7 is on/g)).toHaveLength(1);
  });
});
