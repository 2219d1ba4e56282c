import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

/**
 * An adopted issue stays plansync's only while its author can push. When that answer changes
 * (alice leaves the team, or GitHub's permission lookup answers 404 for a moment), the adopted
 * issue reads as "claiming", its task has no issue, and the next sync touching the doc creates a
 * second issue for the task: two open issues for BE-001, both labelled `plansync`, both marked.
 */
const PATH = "docs/plan.md";
const PLAN = "# Backend\n\n- [ ] BE-001 Set up the database\n- [ ] BE-002 Add the users table\n";
const CONFIG = ".github/plansync.yml";

let app: TestApp | undefined;
checkAfterEach(() => app, { jobErrors: true });

function openAs(login: string, title: string, body: string) {
  return app!.sim.openIssueAs(FULL, login, title, body);
}

const openIssuesOf = (id: string) => app!.sim.issues(FULL).filter((i) => i.state === "open" && i.title.startsWith(id));

async function adoptAlicesIssue() {
  app = startApp({});
  app.sim.setCollaborators(FULL, ["alice"]);
  const alice = await openAs("alice", "BE-001: Set up the database", "Notes alice wrote.");
  await app.push({ [PATH]: PLAN, [CONFIG]: "adopt: true\n" });
  expect(readMarker(app.sim.issue(FULL, alice)!.body)).toMatchObject({ id: "BE-001" });
  expect(openIssuesOf("BE-001")).toHaveLength(1);
  return alice;
}

describe("an adopted issue whose author's push access goes away", () => {
  it("alice loses push access: the next sync makes no second issue for BE-001", async () => {
    await adoptAlicesIssue();
    app!.sim.setCollaborators(FULL, []);
    // Any later edit of the doc that makes the sync look at BE-001 again.
    await app!.push({ [PATH]: `${PLAN}- [ ] BE-003 Sign-up endpoint\n` });
    expect(openIssuesOf("BE-001").map((i) => i.number)).toHaveLength(1);
  });

  it("the permission lookup answers 404 once (a fault): the next sync makes no second issue for BE-001", async () => {
    await adoptAlicesIssue();
    app!.sim.failNext({ method: "GET", pathIncludes: "/collaborators/alice/permission", status: 404, times: 1 });
    await app!.push({ [PATH]: `${PLAN}- [ ] BE-003 Sign-up endpoint\n` });
    expect(openIssuesOf("BE-001").map((i) => i.number)).toHaveLength(1);
  });

  it("the permission lookup answers 500: the sync fails (is retried) and makes no second issue", async () => {
    await adoptAlicesIssue();
    app!.sim.failNext({ method: "GET", pathIncludes: "/collaborators/alice/permission", status: 500, times: 5 });
    await app!.push({ [PATH]: `${PLAN}- [ ] BE-003 Sign-up endpoint\n` });
    expect(openIssuesOf("BE-001")).toHaveLength(1);
    expect(app!.errors.length).toBeGreaterThan(0);
  });

  it("the permission lookup answers 403 (not a rate limit): no second issue", async () => {
    await adoptAlicesIssue();
    app!.sim.failNext({
      method: "GET",
      pathIncludes: "/collaborators/alice/permission",
      status: 403,
      body: { message: "Resource not accessible by integration" },
      times: 5,
    });
    await app!.push({ [PATH]: `${PLAN}- [ ] BE-003 Sign-up endpoint\n` });
    expect(openIssuesOf("BE-001")).toHaveLength(1);
  });

  it("alice, no longer able to push, closes her adopted issue: nothing is written back", async () => {
    const alice = await adoptAlicesIssue();
    app!.sim.setCollaborators(FULL, []);
    const commits = app!.sim.commitMessages(FULL, "main");
    await app!.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${alice}`,
      headers: { "x-sim-actor": "alice" },
      body: JSON.stringify({ state: "closed" }),
    });
    const { issueStatePayload } = await import("../app/webhook-payloads.js");
    app!.sim.resetLog();
    await app!.receive(
      "issues",
      issueStatePayload({ owner: "octo", repo: "plans" }, app!.sim.issue(FULL, alice), "closed"),
    );
    expect(app!.sim.commitMessages(FULL, "main")).toEqual(commits);
    expect(app!.sim.writes()).toEqual([]);
  });
});
