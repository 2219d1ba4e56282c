import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAction } from "../../src/action/run-action.js";
import { issueStatePayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";

/**
 * The Action's door, in-process (the source under review, not the bundle), against the loopback
 * simulator. The README recommends `authors: ["plansync[bot]"]` when the Action also syncs a
 * repository the App manages: the App's issues are then plansync's for the Action too.
 */
const target = { owner: "octo", repo: "plans" };
const FULL = "octo/plans";
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] BE-001 Set up the database\n- [ ] BE-002 Add the users table\n";
const marker = (id: string) => `<!-- plansync {"id":"${id}","file":"${PATH}","state":"open","hash":"000000000000"} -->`;

let sim: GitHubSim;
let server: RunningServer;
let dir: string;

beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
  sim.addRepo({ ...target, files: { [PATH]: PLAN, ".github/plansync.yml": 'authors: ["plansync[bot]"]\n' } });
  sim.setCollaborators(FULL, ["bob"]);
  server = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "plansync-attack-action-"));
});
afterEach(() => server.close());

async function as(login: string, method: string, url: string, body: unknown) {
  const response = await sim.handle({ method, url, headers: { "x-sim-actor": login }, body: JSON.stringify(body) });
  return response.body as { number: number };
}

async function run(event: string, payload: unknown) {
  const eventPath = join(dir, `${event}-${Math.random()}.json`);
  const summary = join(dir, `summary-${Math.random()}.md`);
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(summary, "");
  const lines: string[] = [];
  const code = await runAction(
    {
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: FULL,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_API_URL: `http://127.0.0.1:${server.port}`,
      INPUT_TOKEN: "ghs_actions_token",
    },
    (line) => lines.push(line),
  );
  return { code, lines, summary: readFileSync(summary, "utf8") };
}

async function closeAs(login: string, number: number) {
  await as(login, "PATCH", `/repos/${FULL}/issues/${number}`, { state: "closed" });
  return issueStatePayload(target, sim.issue(FULL, number), "closed");
}

describe("the Action's issues event", () => {
  it("an issue the App made (authors: [plansync[bot]]) closed by a collaborator is written back", async () => {
    const { number } = await as("plansync[bot];Bot", "POST", `/repos/${FULL}/issues`, {
      title: "BE-001: Set up the database",
      body: `From the doc.\n\n${marker("BE-001")}\n`,
      labels: ["plansync"],
    });
    const payload = await closeAs("bob", number);
    sim.resetLog();
    await run("issues", payload);
    expect(sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] BE-001", "- [x] BE-001"));
  });

  it("control: the same issue made by github-actions[bot] is written back", async () => {
    const { number } = await as("github-actions[bot];Bot", "POST", `/repos/${FULL}/issues`, {
      title: "BE-001: Set up the database",
      body: `From the doc.\n\n${marker("BE-001")}\n`,
      labels: ["plansync"],
    });
    const payload = await closeAs("bob", number);
    await run("issues", payload);
    expect(sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] BE-001", "- [x] BE-001"));
  });

  it("a stranger's copied marker, closed: no write, and no request beyond GET /user", async () => {
    const { number } = await as("mallory", "POST", `/repos/${FULL}/issues`, {
      title: "BE-002: please",
      body: `copied\n\n${marker("BE-002")}\n`,
    });
    const payload = await closeAs("mallory", number);
    sim.resetLog();
    await run("issues", payload);
    expect(sim.writes()).toEqual([]);
    expect(sim.readFile(FULL, "main", PATH)).toBe(PLAN);
    expect(
      sim
        .reads()
        .map((r) => r.operationId)
        .filter((op) => op !== "users/get-authenticated"),
    ).toEqual([]);
  });
});
