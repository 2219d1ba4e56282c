import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

/**
 * README: adoption keeps "every byte of its title and body"; a close or reopen "rewrites only the
 * marker, so a human's edit to the body is kept". An adopted issue's marker has no `checks`, so
 * the write-back takes any task list in the human's body as the task's checklist, and then
 * re-renders the whole body from the doc.
 */
const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] BE-001 Set up the database\n- [ ] BE-002 Add the users table\n";
const ALICE = "Notes alice wrote before plansync.\n\n- [x] ask the DBA about sizing\n- [ ] pick a region\n";

let app: TestApp | undefined;
checkAfterEach(() => app);

describe("an adopted issue with a task list of its own", () => {
  it("closed on GitHub: the box is ticked and alice's body is kept (only the marker changes)", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["alice"]);
    const created = await app.sim.handle({
      method: "POST",
      url: `/repos/${FULL}/issues`,
      headers: { "x-sim-actor": "alice" },
      body: JSON.stringify({ title: "BE-001: Set up the database", body: ALICE }),
    });
    const number = (created.body as { number: number }).number;
    await app.push({ [PATH]: PLAN, ".github/plansync.yml": "adopt: true\n" });
    expect(readMarker(app.sim.issue(FULL, number)!.body)).toMatchObject({ id: "BE-001" });
    expect(app.sim.issue(FULL, number)!.body!.startsWith(ALICE)).toBe(true);

    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${number}`,
      headers: { "x-sim-actor": "alice" },
      body: JSON.stringify({ state: "closed" }),
    });
    await app.receive("issues", issueStatePayload(target, app.sim.issue(FULL, number), "closed"));
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] BE-001", "- [x] BE-001"));
    const body = app.sim.issue(FULL, number)!.body!;
    expect(body.startsWith(ALICE)).toBe(true);
    expect(readMarker(body)).toMatchObject({ id: "BE-001", state: "closed" });
  });
});
