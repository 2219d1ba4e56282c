import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

let app: TestApp;
checkAfterEach(() => app);

const issues = () => app.sim.issues(FULL) as any[];
const PLAN = "# Plan\n\n- [ ] LR-1 First\n- [ ] LR-2 Second\n";

describe("the plansync label removed from an issue", () => {
  it("creates no second issue: managed issues are also found by their creator, the app", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN });
    const lr1 = issues().find((i) => readMarker(i.body)?.id === "LR-1");
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${lr1.number}`,
      body: JSON.stringify({ labels: [] }),
    });
    await app.push({ "docs/plan.md": PLAN.replace("First", "First, renamed") });
    expect(issues()).toHaveLength(2);
    expect(app.sim.issue(FULL, lr1.number)).toMatchObject({
      title: "LR-1: First, renamed",
      labels: [expect.objectContaining({ name: "plansync" })],
    });
  });
});
