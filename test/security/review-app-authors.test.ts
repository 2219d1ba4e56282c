import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

/**
 * The App's door with `authors:` naming another plansync identity that is a bot (a second App
 * install, e.g. staging). The sync counts those issues as plansync's (the config's authors), but
 * the issues.closed handler judges the claim without the config, so a Bot author reads foreign.
 */
const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] BE-001 Set up the database\n";

let app: TestApp | undefined;
checkAfterEach(() => app);

describe("App door, authors: [another plansync bot]", () => {
  it("that bot's issue, closed by a collaborator, is written back", async () => {
    app = startApp({ [PATH]: PLAN, ".github/plansync.yml": 'authors: ["plansync-staging[bot]"]\n' });
    app.sim.setCollaborators(FULL, ["bob"]);
    const created = await app.sim.handle({
      method: "POST",
      url: `/repos/${FULL}/issues`,
      headers: { "x-sim-actor": "plansync-staging[bot];Bot" },
      body: JSON.stringify({
        title: "BE-001: Set up the database",
        body: `x\n\n<!-- plansync {"id":"BE-001","file":"${PATH}","state":"open","hash":"000000000000"} -->\n`,
        labels: ["plansync"],
      }),
    });
    const number = (created.body as { number: number }).number;
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${number}`,
      headers: { "x-sim-actor": "bob" },
      body: JSON.stringify({ state: "closed" }),
    });
    await app.receive("issues", issueStatePayload(target, app.sim.issue(FULL, number), "closed"));
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] BE-001", "- [x] BE-001"));
  });
});
