import { describe, expect, it } from "vitest";
import { REPO, call, newSim } from "./sim-test-helpers.js";

const ISSUES = "/repos/octo/plans/issues";

describe("GitHubSim issue labels and assignees, one by one", () => {
  it("adds and removes labels without touching the others", async () => {
    const sim = newSim();
    const issue = await call(sim, "POST", ISSUES, { title: "one", labels: ["keep"] });
    const added = await call(sim, "POST", `${ISSUES}/${issue.body.number}/labels`, { labels: ["new one"] });
    expect(added.status).toBe(200);
    expect(added.body.map((l: { name: string }) => l.name)).toEqual(["keep", "new one"]);
    const removed = await call(sim, "DELETE", `${ISSUES}/${issue.body.number}/labels/${encodeURIComponent("New One")}`);
    expect(removed.status).toBe(200);
    expect(removed.body.map((l: { name: string }) => l.name)).toEqual(["keep"]);
    const missing = await call(sim, "DELETE", `${ISSUES}/${issue.body.number}/labels/absent`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("Label does not exist");
    expect(sim.violations).toEqual([]);
  });

  it("adds and removes assignees without touching the others", async () => {
    const sim = newSim();
    sim.setCollaborators(REPO, ["octo", "ann", "bob"]);
    const issue = await call(sim, "POST", ISSUES, { title: "one", assignees: ["ann"] });
    const added = await call(sim, "POST", `${ISSUES}/${issue.body.number}/assignees`, { assignees: ["bob"] });
    expect(added.status).toBe(201);
    expect(added.body.assignees.map((a: { login: string }) => a.login)).toEqual(["ann", "bob"]);
    const removed = await call(sim, "DELETE", `${ISSUES}/${issue.body.number}/assignees`, { assignees: ["ann"] });
    expect(removed.status).toBe(200);
    expect(removed.body.assignees.map((a: { login: string }) => a.login)).toEqual(["bob"]);
    expect(sim.violations).toEqual([]);
  });
});
