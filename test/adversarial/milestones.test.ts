import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "../app/app-harness.js";

const TWO = `# Milestone: \`Billing M1\`

- [ ] TM-1 First in M1

# Milestone: \`Billing M2\`

- [ ] TM-2 First in M2
- [ ] TM-3 Second in M2
`;

describe("a second Milestone: heading", () => {
  it("starts a new milestone for the tasks below it", () => {
    const plan = parsePlan(TWO);
    expect(plan.tasks.map((t) => [t.id, t.milestone])).toEqual([
      ["TM-1", "Billing M1"],
      ["TM-2", "Billing M2"],
      ["TM-3", "Billing M2"],
    ]);
    expect(plan.milestones.map((m) => m.title)).toEqual(["Billing M1", "Billing M2"]);
    expect(plan.milestone?.title).toBe("Billing M1");
  });

  describe("in the app", () => {
    let app: TestApp;
    checkAfterEach(() => app);
    const issueOf = (id: string) => issueOfTask(app, id);
    const milestone = (title: string) => (app.sim.milestones(FULL) as any[]).find((m) => m.title === title);
    const FRONT = (extra: string) => `---\nmilestone_name: "Launch"\n${extra}---\n\n- [ ] LM-1 Launch it\n`;

    it("creates both milestones and puts each task in its own", async () => {
      app = startApp({});
      await app.push({ "docs/plan.md": TWO });
      expect(issueOf("TM-1").milestone.title).toBe("Billing M1");
      expect(issueOf("TM-3").milestone.title).toBe("Billing M2");
    });

    it("clears a due date removed from the doc", async () => {
      app = startApp({});
      await app.push({ "docs/plan.md": FRONT("target_completion: 2026-12-15\n") });
      expect(milestone("Launch").due_on).toMatch(/^2026-12-15/);
      await app.push({ "docs/plan.md": FRONT("") });
      expect(milestone("Launch").due_on).toBeNull();
      app.sim.resetLog();
      await app.push({ "docs/plan.md": FRONT("").replace("Launch it", "Launch it now") });
      expect(app.sim.writes().filter((w) => w.path.includes("/milestones"))).toEqual([]);
    });

    it("leaves a due date a human set alone while the doc names none", async () => {
      app = startApp({});
      await app.push({ "docs/plan.md": FRONT("") });
      const number = milestone("Launch").number;
      await app.sim.handle({
        method: "PATCH",
        url: `/repos/${FULL}/milestones/${number}`,
        body: JSON.stringify({ due_on: "2027-01-10T12:00:00Z" }),
      });
      await app.push({ "docs/plan.md": FRONT("").replace("Launch it", "Launch it now") });
      expect(milestone("Launch").due_on).toMatch(/^2027-01-10/);
    });

    it("does not reopen a milestone a human closed, unless the doc's status says open", async () => {
      app = startApp({});
      await app.push({ "docs/plan.md": FRONT("") });
      const number = milestone("Launch").number;
      await app.sim.handle({ method: "PATCH", url: `/repos/${FULL}/milestones/${number}`, body: '{"state":"closed"}' });
      await app.push({ "docs/plan.md": FRONT("").replace("Launch it", "Launch it now") });
      expect(milestone("Launch").state).toBe("closed");
      await app.push({ "docs/plan.md": FRONT("status: in progress\n") });
      expect(milestone("Launch").state).toBe("open");
    });
  });
});
