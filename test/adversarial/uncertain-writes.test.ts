import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

let app: TestApp;
checkAfterEach(() => app);

const issues = () => app.sim.issues(FULL) as any[];
const managed = () => issues().filter((i) => readMarker(i.body));
const PLAN = "# Plan\n\n- [ ] UW-1 First\n- [ ] UW-2 Second\n- [x] UW-3 Third\n- [ ] UW-4 Fourth\n";
const ids = () => managed().map((i) => readMarker(i.body)!.id);

describe("a create that goes through but answers 5xx", () => {
  it("is never sent again blind: one issue per task", async () => {
    app = startApp({}, { retries: true });
    app.sim.failNext({ method: "POST", pathIncludes: "/issues", status: 502, applied: true, after: 1 });
    await app.push({ "docs/plan.md": PLAN });
    expect(ids()).toEqual(["UW-1", "UW-2", "UW-3", "UW-4"]);
    expect(managed().find((i) => readMarker(i.body)!.id === "UW-3").state).toBe("closed");
  });

  it("sends it again when the lookup shows it did not go through", async () => {
    app = startApp({}, { retries: true });
    app.sim.failNext({ method: "POST", pathIncludes: "/issues", status: 502, after: 1 });
    await app.push({ "docs/plan.md": PLAN });
    expect(ids()).toEqual(["UW-1", "UW-2", "UW-3", "UW-4"]);
  });

  it("posts a removal comment once", async () => {
    app = startApp({}, { retries: true });
    await app.push({ "docs/plan.md": PLAN });
    app.sim.failNext({ method: "POST", pathIncludes: "/comments", status: 502, applied: true });
    await app.push({ "docs/plan.md": PLAN.replace("- [ ] UW-4 Fourth\n", "") });
    const uw4 = managed().find((i) => readMarker(i.body)!.id === "UW-4");
    expect(uw4.state).toBe("closed");
    expect(app.sim.comments(FULL, uw4.number)).toHaveLength(1);
  });
});

describe("two issues for one task", () => {
  it("closes the newer as a duplicate of the older, with a comment, and leaves it unmanaged", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN });
    const original = managed().find((i) => readMarker(i.body)!.id === "UW-2");
    // A copy left by an earlier, older version's blind retry.
    await app.sim.handle({
      method: "POST",
      url: `/repos/${FULL}/issues`,
      body: JSON.stringify({ title: original.title, body: original.body, labels: ["plansync"] }),
    });
    const copy = issues().at(-1);
    await app.push({ "docs/plan.md": PLAN.replace("Fourth", "Fourth, edited") });
    const after = app.sim.issue(FULL, copy.number) as any;
    expect(after).toMatchObject({ state: "closed", state_reason: "duplicate" });
    expect(readMarker(after.body)).toBeNull();
    expect(app.sim.comments(FULL, copy.number).map((c: any) => c.body)).toEqual([
      expect.stringContaining(`#${original.number}`),
    ]);
    expect(app.sim.issue(FULL, original.number)).toMatchObject({ state: "open" });
    app.sim.resetLog();
    await app.push({ "docs/plan.md": PLAN.replace("Fourth", "Fourth, edited") });
    expect(app.sim.writes()).toEqual([]);
  });
});

describe("one request GitHub refuses", () => {
  it("is skipped and reported, and the rest of the sync goes on", async () => {
    app = startApp({});
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/issues",
      status: 422,
      after: 1,
      body: { message: "Validation Failed", errors: [{ resource: "Issue", code: "custom", message: "nope" }] },
    });
    await app.push({ "docs/plan.md": PLAN });
    expect(ids()).toEqual(["UW-1", "UW-3", "UW-4"]);
    const [run] = app.sim.checkRuns(FULL);
    expect(run!.conclusion).toBe("failure");
    expect(run!.output.summary).toContain("UW-2");
    expect(run!.output.summary).toContain("422");
    await app.push({ "docs/plan.md": PLAN.replace("Fourth", "Fourth!") });
    expect(ids()).toEqual(["UW-1", "UW-3", "UW-4", "UW-2"]);
  });
});
