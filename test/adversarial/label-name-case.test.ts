import { afterEach, describe, expect, it } from "vitest";
import { startApp } from "./marker-app-harness.js";

let app: ReturnType<typeof startApp> | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const plan = `# Plan\n\n- [ ] LC-1 One\n- [ ] LC-2 Two\n`;

describe("the repository already had a label `Plansync` (GitHub label names are case-insensitive)", () => {
  it("a push that changes no task writes nothing to the issues", async () => {
    app = startApp("octo", "labelcase");
    await app.sim.actAs("alice", "POST", `/repos/${app.FULL}/labels`, { name: "Plansync", color: "ffffff" });
    await app.push({ "docs/plan.md": plan });
    await app.idle();
    app.sim.resetLog();
    await app.push({ "docs/plan.md": plan, "docs/other.txt": "unrelated\n" });
    await app.idle();
    await app.push({ "docs/plan.md": `${plan}\n` });
    await app.idle();
    const issueWrites = app.sim
      .writes()
      .filter((r) => r.path.includes("/issues"))
      .map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`);
    expect(issueWrites).toEqual([]);
  }, 60_000);
});
