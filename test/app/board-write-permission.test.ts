import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * the installation can read the board but not write it (the organisation granted
 * Projects read-only, or the Action's project-token has only read:project). GitHub answers each
 * addProjectV2ItemById with FORBIDDEN. README: "When the board cannot be used, the issues still
 * sync. The check run says what to fix, one line per problem: a project out of reach (grant the
 * permission below)".
 */

const URL = "https://github.com/orgs/acme/projects/7";
let app: TestApp;
checkAfterEach(() => app, { jobErrors: true });

let forbidden = true;

/** Every card write is refused as GitHub refuses a token without write access to Projects. */
function writesForbidden(id: string, field: string) {
  app.sim.beforeNext(id, () => {
    if (!forbidden) return;
    app.sim.failNext({
      pathIncludes: "/graphql",
      status: 200,
      body: {
        data: { [field]: null },
        errors: [
          {
            type: "FORBIDDEN",
            path: [field],
            message: "Resource not accessible by integration",
            locations: [{ line: 2, column: 3 }],
          },
        ],
      },
    });
    writesForbidden(id, field);
  });
}

describe("board: readable but not writable", () => {
  it("is one check-run line naming the permission, not two refusals per task", async () => {
    app = startApp({ ".github/plansync.yml": `project: ${URL}\n` });
    app.sim.createProject("orgs/acme", {
      number: 7,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    writesForbidden("graphql:mutation:addProjectV2ItemById", "addProjectV2ItemById");
    const tasks = Array.from({ length: 10 }, (_, i) => `- [ ] T${String(i + 1).padStart(3, "0")}: Task ${i + 1}\n`);
    forbidden = true;
    await app.push({ "docs/plan.md": `# Plan\n\n${tasks.join("")}` });
    expect(app.sim.issues(FULL)).toHaveLength(10);
    const run = app.sim.checkRuns(FULL).at(-1)!;
    const text = `${run.output.summary ?? ""}\n${run.output.text ?? ""}`;
    const boardLines = text.split("\n").filter((l) => /board|Resource not accessible/i.test(l));
    expect(text).toContain("the organisation permission Projects (read and write)");
    expect(boardLines.length).toBeLessThanOrEqual(1);
  });

  it("goes on with the issues, keeps each marker's board record, and the cards follow once writes are granted", async () => {
    app = startApp({ ".github/plansync.yml": `project: ${URL}\n` });
    app.sim.createProject("orgs/acme", {
      number: 7,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    const plan = (boxes: string[]) =>
      `# Plan\n\n${boxes.map((box, i) => `- [${box}] T00${i + 1}: Task ${i + 1}\n`).join("")}`;
    await app.push({ "docs/plan.md": plan([" ", " ", " "]) });
    const record = { p: "orgs/acme/7", f: { status: "todo" } };
    expect(readMarker(issueOfTask(app, "T001").body)!.board).toEqual(record);

    // The organisation takes write access away; two boxes are ticked.
    forbidden = true;
    writesForbidden("graphql:mutation:updateProjectV2ItemFieldValue", "updateProjectV2ItemFieldValue");
    await app.push({ "docs/plan.md": plan(["x", "x", " "]) });
    // One refused mutation: the project gets no more this sync.
    const mutations = app.sim.writes().filter((w) => w.operationId?.includes("ProjectV2"));
    expect(mutations).toHaveLength(1);
    expect(issueOfTask(app, "T001").state).toBe("closed");
    expect(issueOfTask(app, "T002").state).toBe("closed");
    // The issues took the doc's change; the markers still record the cards as they are.
    expect(readMarker(issueOfTask(app, "T001").body)!.board).toEqual(record);
    expect(readMarker(issueOfTask(app, "T002").body)!.board).toEqual(record);
    const run = app.sim.checkRuns(FULL).at(-1)!;
    expect(run.conclusion).not.toBe("failure");
    const text = `${run.output.summary ?? ""}\n${run.output.text ?? ""}`;
    expect(text.split("\n").filter((l) => /board|Resource not accessible/i.test(l))).toEqual([
      expect.stringContaining("the organisation permission Projects (read and write)"),
    ]);

    // Granted again: the next push writes both cards, and then there is nothing left to do.
    forbidden = false;
    await app.push({ "docs/plan.md": `${plan(["x", "x", " "])}\n` });
    for (const id of ["T001", "T002"]) {
      const issue = issueOfTask(app, id);
      expect(app.sim.projectItem("orgs/acme", 7, issue.number)!.values).toEqual({ Status: "Done" });
      expect(readMarker(issue.body)!.board).toEqual({ p: "orgs/acme/7", f: { status: "done" } });
    }
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(`${plan(["x", "x", " "])}\n`);
    await app.push({ "docs/plan.md": `${plan(["x", "x", " "])}\n\n` });
    expect(app.sim.writes()).toEqual([]);
  });
});
