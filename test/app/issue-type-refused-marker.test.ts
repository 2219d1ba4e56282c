import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, OWNER, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * Issue types. A create whose type GitHub refuses (422 on `type`: the
 * organisation removed it since the sync read its types) makes the issue without a type and says
 * so. README: an organisation without the type, once it "create[s] it in the organisation's
 * settings", gets it on "the next sync that writes an issue"; and the marker "records the type doc
 * and issue last agreed on".
 */

const PATH = "docs/plan.md";
const plan = (second: string) => `# Plan\n\n- [ ] TY-1 First\n- [ ] TY-2 ${second}\n`;

let app: TestApp | undefined;
checkAfterEach(() => app);

const typeOf = (id: string): string | null => issueOfTask(app!, id).type?.name ?? null;

describe("a type refused on create", () => {
  it("is not recorded as agreed, and the issue gets its type once the organisation has it again", async () => {
    app = startApp({}, { ownerType: "Organization" });
    app.sim.setIssueTypes(OWNER, ["Task", "Bug", "Feature", "Epic"]);
    // The organisation removes Task after the sync read its types, before the creates.
    app.sim.beforeNext("issues/create-label", () => app!.sim.setIssueTypes(OWNER, ["Bug", "Feature", "Epic"]));
    await app.push({ [PATH]: plan("Second") });
    expect([typeOf("TY-1"), typeOf("TY-2")]).toEqual([null, null]);
    const summary = app.sim.checkRuns(FULL).at(-1)!.output.summary as string;
    expect(summary).toContain("GitHub did not take the type Task");
    // Each marker once recorded `"type":"Task"`, an agreement on a type the issue never had.
    const recorded = ["TY-1", "TY-2"].map((id) => readMarker(issueOfTask(app!, id).body)?.type);
    expect(recorded).toEqual([undefined, undefined]);
    // The organisation creates Task again.
    app.sim.setIssueTypes(OWNER, ["Task", "Bug", "Feature", "Epic"]);
    // A later sync that writes an issue (TY-2 retitled), the type being there: the issue is typed.
    await app.push({ [PATH]: plan("Second, retitled") });
    expect(issueOfTask(app, "TY-2").title).toContain("retitled");
    // With Task recorded, decideType read "agreed Task, issue none" as a human's removal, forever.
    expect([typeOf("TY-1"), typeOf("TY-2")]).toEqual(["Task", "Task"]);
    expect(["TY-1", "TY-2"].map((id) => readMarker(issueOfTask(app!, id).body)?.type)).toEqual(["Task", "Task"]);
  });
});

describe("a type refused on update", () => {
  it("keeps the type agreed before in the marker, and retypes the issue once the organisation has it again", async () => {
    app = startApp({}, { ownerType: "Organization" });
    app.sim.setIssueTypes(OWNER, ["Task", "Bug", "Feature", "Epic"]);
    await app.push({ [PATH]: plan("Second") });
    expect([typeOf("TY-1"), typeOf("TY-2")]).toEqual(["Task", "Task"]);
    // The config names another type; the organisation removes it after the sync read its types.
    app.sim.beforeNext("issues/update", () => app!.sim.setIssueTypes(OWNER, ["Task", "Feature", "Epic"]));
    await app.push({ ".github/plansync.yml": "types:\n  task: Bug\n", [PATH]: plan("Second, retitled") });
    expect(issueOfTask(app, "TY-2").title).toContain("retitled");
    expect([typeOf("TY-1"), typeOf("TY-2")]).toEqual(["Task", "Task"]);
    expect(app.sim.checkRuns(FULL).at(-1)!.output.summary as string).toContain("GitHub did not take the type Bug");
    // The markers record the agreement that still holds: Task.
    expect(["TY-1", "TY-2"].map((id) => readMarker(issueOfTask(app!, id).body)?.type)).toEqual(["Task", "Task"]);
    app.sim.setIssueTypes(OWNER, ["Task", "Bug", "Feature", "Epic"]);
    await app.push({ [PATH]: plan("Second, retitled again") });
    expect([typeOf("TY-1"), typeOf("TY-2")]).toEqual(["Bug", "Bug"]);
  });
});
