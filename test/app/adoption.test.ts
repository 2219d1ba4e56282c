import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "./app-harness.js";

/**
 * Installed on a repository that already has issues for its tasks: by default plansync creates
 * nothing for them and says how to adopt; with `adopt: true` it links them, and never makes a
 * second issue. Written first: the landed code opened a second issue for BE-001 and BE-002.
 */
const PATH = "docs/plan.md";
const PLAN = [
  "# Backend",
  "",
  "- [ ] BE-001 Set up the database",
  "- [x] BE-002 Add the users table",
  "- [ ] BE-003 Sign-up endpoint",
  "- [ ] BE-004 Log-in endpoint",
  "",
].join("\n");
const CONFIG = ".github/plansync.yml";

let app: TestApp | undefined;
checkAfterEach(() => app);

function openAs(login: string, title: string, body: string) {
  return app!.sim.openIssueAs(FULL, login, title, body);
}

/** alice (can push) by hand, a workflow of the repository, and mallory (cannot push). */
async function existingIssues() {
  app!.sim.setCollaborators(FULL, ["alice"]);
  return {
    alice: await openAs("alice", "BE-001: Set up the database", "Notes alice wrote.\n\ncc @bob"),
    workflow: await openAs("github-actions[bot];Bot", "BE-002: Add the users table", "Made by taskstoissues."),
    mallory: await openAs("mallory", "BE-003: Sign-up endpoint", "I'd like this."),
  };
}

const byTitle = (prefix: string) => app!.sim.issues(FULL).filter((i) => i.title.startsWith(prefix));
const lastSummary = () => app!.sim.checkRuns(FULL).at(-1)!.output.summary ?? "";

describe("adoption", () => {
  it("by default creates nothing for a task with a candidate, and says how to adopt each", async () => {
    app = startApp({});
    const before = await existingIssues();
    await app.push({ [PATH]: PLAN });
    // BE-003's look-alike is a stranger's: never a candidate, so plansync makes BE-003's issue.
    expect(byTitle("BE-001").map((i) => i.number)).toEqual([before.alice]);
    expect(byTitle("BE-002").map((i) => i.number)).toEqual([before.workflow]);
    expect(byTitle("BE-003")).toHaveLength(2);
    expect(byTitle("BE-004")).toHaveLength(1);
    expect(app.sim.issue(FULL, before.alice)!.body).toBe("Notes alice wrote.\n\ncc @bob");
    const summary = lastSummary();
    expect(summary).toContain("2 tasks already have an issue plansync did not make");
    expect(summary).toContain(`#${before.alice} looks like the issue of BE-001 (opened by alice): to adopt it, set`);
    expect(summary).toContain(`#${before.workflow} looks like the issue of BE-002 (opened by github-actions[bot])`);
    expect(summary).not.toContain(`#${before.mallory} `);
  });

  it("with adopt: true links each candidate, keeps its text, and makes no duplicate; a redelivery writes nothing", async () => {
    app = startApp({});
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    const before = await existingIssues();
    const payload = await app.push({ [PATH]: PLAN, [CONFIG]: "adopt: true\n" });
    const creates = app.sim.writes().filter((w) => w.operationId === "issues/create");
    expect(creates.map((c) => (c.body as { title: string }).title)).toEqual([
      "BE-003: Sign-up endpoint",
      "BE-004: Log-in endpoint",
    ]);
    const alice = app.sim.issue(FULL, before.alice)!;
    expect(alice.title).toBe("BE-001: Set up the database");
    expect(alice.body?.startsWith("Notes alice wrote.\n\ncc @")).toBe(true);
    expect(readMarker(alice.body)).toMatchObject({ id: "BE-001", file: PATH, state: "open" });
    expect(alice.labels.map((l: { name: string }) => l.name)).toContain("plansync");
    // The doc ticks BE-002: the adopted issue closes as completed.
    const workflow = app.sim.issue(FULL, before.workflow)!;
    expect(workflow.state).toBe("closed");
    expect(readMarker(workflow.body)).toMatchObject({ id: "BE-002", state: "closed" });
    expect(readMarker(app.sim.issue(FULL, before.mallory)!.body)).toBeNull();
    for (const id of ["BE-001", "BE-002", "BE-003", "BE-004"])
      expect(app.sim.issues(FULL).filter((i) => readMarker(i.body)?.id === id)).toHaveLength(1);

    app.sim.resetLog();
    await app.receive("push", payload);
    expect(app.sim.writes()).toEqual([]);
  });

  it("waits when two issues look like one task's, adopting neither", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["alice", "carol"]);
    await openAs("alice", "BE-001: Set up the database", "one");
    await openAs("carol", "[BE-001] database setup", "two");
    await app.push({ [PATH]: PLAN, [CONFIG]: "adopt: true\n" });
    expect(byTitle("BE-001")).toHaveLength(1);
    expect(app.sim.issues(FULL).filter((i) => readMarker(i.body)?.id === "BE-001")).toHaveLength(0);
    expect(lastSummary()).toContain("as do 1 other open issue(s): close or retitle all but one");
  });
});
