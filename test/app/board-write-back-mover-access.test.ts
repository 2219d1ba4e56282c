import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "../app/app-harness.js";

/**
 * README threat model: "through plansync, someone without push access can change the repository
 * only as the feature intends (closing or reopening one of plansync's own issues, or ticking its
 * task list, flips that task's boxes) and nothing else ... A stranger, who cannot close
 * plansync's issues, can change nothing at all." Projects have their own access list: an org
 * member with read-only access to the repository (or a project-only collaborator) can move cards
 * on the org's board. plansync never asks who moved the card: the move closes plansync's issue
 * and commits to the default branch on behalf of someone who could do neither.
 */
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] CM-1 First\n- [ ] CM-2 Second\n";

let app: TestApp;
checkAfterEach(() => app);

describe("threat: a card moved by someone who cannot close issues nor push", () => {
  it("a Done card moved by a non-collaborator neither closes plansync's issue nor commits to the doc", async () => {
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
    const number = issueOfTask(app, "CM-1").number;
    // mallory is not a collaborator of octo/plans (no push, no triage); she can edit the board.
    const payload = app.sim.editProjectItem(
      { owner: "orgs/octo", number: 7 },
      { ownerRepo: FULL, number },
      "Status",
      "Done",
      "mallory",
    );
    app.sim.resetLog();
    await app.receive("projects_v2_item", payload);
    expect({
      doc: app.sim.readFile(FULL, "main", PATH),
      state: issueOfTask(app, "CM-1").state,
    }).toEqual({ doc: PLAN, state: "open" });
  });
});

describe("a refused move: the doc wins on the board", () => {
  const start = async () => {
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
  };

  it("the card is set back to the agreed Status in one board write, and the next full sync owes nothing", async () => {
    await start();
    const number = issueOfTask(app, "CM-1").number;
    const payload = app.sim.editProjectItem(
      { owner: "orgs/octo", number: 7 },
      { ownerRepo: FULL, number },
      "Status",
      "Done",
      "mallory",
    );
    app.sim.resetLog();
    await app.receive("projects_v2_item", payload);
    expect(app.sim.writes().map((r) => `${r.method} ${r.operationId}`)).toEqual([
      "POST graphql:mutation:updateProjectV2ItemFieldValue",
    ]);
    expect(app.sim.projectItem("orgs/octo", 7, number)!.values.Status).toBe("Todo");
    app.sim.resetLog();
    await app.enqueue({ kind: "reconcile" });
    await app.idle();
    expect(app.sim.writes()).toEqual([]);
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN);
  });

  it("a move by someone with the triage role (may close issues, cannot push) is written back", async () => {
    await start();
    app.sim.setRole(FULL, "tess", "triage");
    const number = issueOfTask(app, "CM-2").number;
    const payload = app.sim.editProjectItem(
      { owner: "orgs/octo", number: 7 },
      { ownerRepo: FULL, number },
      "Status",
      "Done",
      "tess",
    );
    await app.receive("projects_v2_item", payload);
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] CM-2", "- [x] CM-2"));
    expect(issueOfTask(app, "CM-2").state).toBe("closed");
  });

  it("a read-only member's move is refused like a stranger's", async () => {
    await start();
    app.sim.setRole(FULL, "rita", "read");
    const number = issueOfTask(app, "CM-1").number;
    const payload = app.sim.editProjectItem(
      { owner: "orgs/octo", number: 7 },
      { ownerRepo: FULL, number },
      "Status",
      "In Progress",
      "rita",
    );
    await app.receive("projects_v2_item", payload);
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN);
    expect(app.sim.projectItem("orgs/octo", 7, number)!.values.Status).toBe("Todo");
  });
});
