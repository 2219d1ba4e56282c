import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

let app: TestApp;
checkAfterEach(() => app);

const issues = () => app.sim.issues(FULL) as any[];
const issueOf = (id: string) => issues().find((i) => readMarker(i.body)?.id === id);
const PLAN = "# Plan\n\n- [ ] SR-1 First\n  - the first detail\n- [ ] SR-2 Second\n";

describe("a stale push", () => {
  it("never rolls back a tick or a title made since", async () => {
    app = startApp({});
    const old = await app.push({ "docs/plan.md": PLAN });
    await app.push({ "docs/plan.md": PLAN.replace("- [ ] SR-1 First", "- [x] SR-1 First, renamed") });
    expect(issueOf("SR-1")).toMatchObject({ state: "closed", title: "SR-1: First, renamed" });
    app.sim.resetLog();
    await app.receive("push", old);
    expect(issueOf("SR-1")).toMatchObject({ state: "closed", title: "SR-1: First, renamed" });
    expect(app.sim.writes()).toEqual([]);
  });
});

describe("a deleted plan file", () => {
  it("closes its tasks' issues as not planned", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN, "docs/other.md": "- [ ] SR-9 Elsewhere\n" });
    await app.push({ "docs/other.md": null });
    expect(issueOf("SR-9")).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(issueOf("SR-1").state).toBe("open");
  });

  it("closes them in a full scan too (a force push)", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN, "docs/other.md": "- [ ] SR-9 Elsewhere\n" });
    const payload = await app.push(
      { "docs/plan.md": PLAN.replace("Second", "Second!"), "docs/other.md": null },
      { forced: true },
    );
    expect(payload.forced).toBe(true);
    expect(issueOf("SR-9")).toMatchObject({ state: "closed", state_reason: "not_planned" });
  });
});

describe("a state change", () => {
  it("keeps a human's edit to the issue body: only the marker changes", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN });
    const issue = issueOf("SR-1");
    const edited = issue.body.replace("the first detail", "the first detail\n\nNote from a human: see the design doc.");
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${issue.number}`,
      body: JSON.stringify({ body: edited }),
    });
    await app.push({ "docs/plan.md": PLAN.replace("- [ ] SR-1", "- [x] SR-1") });
    const after = issueOf("SR-1");
    expect(after.state).toBe("closed");
    expect(after.body).toContain("Note from a human: see the design doc.");
    expect(readMarker(after.body)!.state).toBe("closed");
  });
});
