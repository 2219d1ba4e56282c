import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import type { SimRequest } from "../sim/request-parse.js";
import { runActionProcess } from "./action-runner.js";

/**
 * README "GITHUB_TOKEN cannot reach organisation projects: pass a token that
 * can as `project-token`". The workflow's own token (`ghs_actions_token` in the runner) is refused
 * on every Projects query here, as GitHub refuses it; `project-token` reaches the board.
 */
const target = { owner: "octo", repo: "plans" };
const FULL = "octo/plans";
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n## Tasks\n\n- [ ] BH-1 Database\n- [ ] BH-2 API\n";
/** A scheduled run's payload names the repository as GitHub does, web address included. */
const SCHEDULE = {
  repository: {
    default_branch: "main",
    html_url: "https://github.com/octo/plans",
    owner: { login: "octo", type: "User" },
  },
};
const PROJECT = { owner: "orgs/acme", number: 7 };

let sim: GitHubSim;
let server: RunningServer;
let dir: string;
const refusedProjectQueries: string[] = [];

beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
  sim.addRepo({ ...target, files: { "README.md": "# Plans\n" } });
  sim.createProject(PROJECT.owner, {
    number: PROJECT.number,
    fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
  });
  // GITHUB_TOKEN cannot reach organisation projects (github-facts): FORBIDDEN for any Projects query.
  const handle = sim.handle.bind(sim);
  sim.handle = async (request: SimRequest) => {
    const auth = String((request.headers as Record<string, unknown> | undefined)?.authorization ?? "");
    const body =
      typeof request.body === "string"
        ? request.body
        : Buffer.isBuffer(request.body)
          ? request.body.toString()
          : JSON.stringify(request.body ?? "");
    if (request.url.includes("/graphql") && auth.includes("ghs_actions_token") && /projectv2|ProjectV2/i.test(body)) {
      refusedProjectQueries.push(body.slice(0, 80));
      return {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: { data: null, errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] },
      };
    }
    return handle(request);
  };
  server = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "plansync-boardback-"));
  refusedProjectQueries.length = 0;
});
afterEach(async () => {
  await server.close();
  expect(sim.violations).toEqual([]);
});

const inputs = { "project-token": "ghp_board_token" };
const run = (event: string, payload: unknown) => runActionProcess(server, dir, event, payload, inputs);
const issueOf = (id: string) =>
  sim.issues(FULL).find((i) => !i.pull_request && readMarker(i.body)?.id === id) as {
    number: number;
    body: string;
    state: string;
  };

describe("the Action's scheduled heal reads the board with `project-token`", { timeout: 180_000 }, () => {
  it("a card moved to Done reaches the doc when only project-token can read the board", async () => {
    const { sha, before } = sim.commitFiles(
      FULL,
      "main",
      { ".github/plansync.yml": "project: https://github.com/orgs/acme/projects/7\n", [PATH]: PLAN },
      "Plans",
    );
    expect((await run("push", pushPayload(target, { before, after: sha }))).code).toBe(0);
    // The board was reached through project-token: the card exists and the marker records it.
    expect(readMarker(issueOf("BH-1").body)!.board).toEqual({ p: "orgs/acme/7", f: { status: "todo" } });
    sim.setProjectField(PROJECT, { ownerRepo: FULL, number: issueOf("BH-2").number }, "Status", "Done");
    refusedProjectQueries.length = 0;
    const nightly = await run("schedule", SCHEDULE);
    expect(nightly.code).toBe(0);
    // README: "every sync finds cards whose Status moved while the doc did not and writes their marks back".
    expect({
      doc: sim.readFile(FULL, "main", PATH),
      state: issueOf("BH-2").state,
      refusedWithWorkflowToken: refusedProjectQueries.length,
    }).toEqual({ doc: PLAN.replace("- [ ] BH-2", "- [x] BH-2"), state: "closed", refusedWithWorkflowToken: 0 });
  });
});
