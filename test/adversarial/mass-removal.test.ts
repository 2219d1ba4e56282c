import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

let app: TestApp;
checkAfterEach(() => app);

const PLAN = Array.from({ length: 14 }, (_, i) => `- [ ] MR-${i + 1} Task ${i + 1}`).join("\n") + "\n";
const KEEP = "- [ ] KP-1 Kept elsewhere\n";
const open = () => (app.sim.issues(FULL) as any[]).filter((i) => i.state === "open");

describe("a config change that makes most tasks look removed", () => {
  it("holds the removals, reports them, and applies them once confirmed", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN, "plans/keep.md": KEEP });
    expect(open()).toHaveLength(15);
    // Narrowing the paths drops docs/: 14 of 15 issues would be closed.
    const narrowed = 'paths:\n  - "plans/**/*.md"\n';
    const held = await app.push({ ".github/plansync.yml": narrowed });
    expect(open()).toHaveLength(15);
    expect(app.sim.comments(FULL, 1)).toEqual([]);
    const run = app.sim.checkRuns(FULL).at(-1)!;
    expect(run).toMatchObject({ headSha: held.after, conclusion: "failure" });
    expect(run.output.title).toContain("14 removals held");
    expect(run.output.summary).toContain("MR-1");
    expect(run.output.summary).toContain(`confirm: ${held.after}`);

    // Pushed again unchanged: still held, no second report.
    app.sim.resetLog();
    await app.push({ "plans/keep.md": KEEP.replace("Kept", "Still kept") });
    expect(open()).toHaveLength(15);

    await app.push({ ".github/plansync.yml": `${narrowed}removal:\n  confirm: ${held.after}\n` });
    expect(open().map((i) => readMarker(i.body)!.id)).toEqual(["KP-1"]);
  });

  it("lets a raised limit through", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN, "plans/keep.md": KEEP });
    await app.push({ ".github/plansync.yml": 'paths:\n  - "plans/**/*.md"\nremoval:\n  limit: 100\n' });
    expect(open()).toHaveLength(1);
  });

  it("does not hold a few removals", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN, "plans/keep.md": KEEP });
    await app.push({ "docs/plan.md": PLAN.split("\n").slice(3).join("\n") });
    expect(open()).toHaveLength(12);
  });
});
