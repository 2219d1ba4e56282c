import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { runActionProcess } from "./action-runner.js";

/**
 * `projects_v2_item` is no workflow trigger, so the Action never hears of a card moved on the
 * board: its scheduled run finds the move (the sync's board write-backs) and writes the mark back.
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

beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
  sim.addRepo({ ...target, files: { "README.md": "# Plans\n" } });
  sim.createProject(PROJECT.owner, {
    number: PROJECT.number,
    fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
  });
  server = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "plansync-board-heal-"));
});
afterEach(async () => {
  await server.close();
  expect(sim.violations).toEqual([]);
});

const run = (event: string, payload: unknown) => runActionProcess(server, dir, event, payload);
const issueOf = (id: string) =>
  sim.issues(FULL).find((i) => !i.pull_request && readMarker(i.body)?.id === id) as {
    number: number;
    body: string;
    state: string;
  };

describe("the Action heals a board move on its scheduled run", { timeout: 180_000 }, () => {
  it("a card moved to Done with no event: the schedule run ticks the box in one commit and closes the issue", async () => {
    const { sha, before } = sim.commitFiles(
      FULL,
      "main",
      { ".github/plansync.yml": "project: https://github.com/orgs/acme/projects/7\n", [PATH]: PLAN },
      "Plans",
    );
    expect((await run("push", pushPayload(target, { before, after: sha }))).code).toBe(0);
    expect(readMarker(issueOf("BH-1").body)!.board).toEqual({ p: "orgs/acme/7", f: { status: "todo" } });
    // A person drags BH-2's card to Done; GitHub sends no workflow event for it.
    sim.setProjectField(PROJECT, { ownerRepo: FULL, number: issueOf("BH-2").number }, "Status", "Done");
    const commitsBefore = sim.commitMessages(FULL, "main").length;
    sim.resetLog();
    const nightly = await run("schedule", SCHEDULE);
    expect(nightly.code).toBe(0);
    expect(sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] BH-2", "- [x] BH-2"));
    const messages = sim.commitMessages(FULL, "main");
    expect(messages.length - commitsBefore).toBe(1);
    expect(messages.some((m) => /^Check off BH-2 \(#\d+\)/.test(m))).toBe(true);
    expect(issueOf("BH-2").state).toBe("closed");
    expect(readMarker(issueOf("BH-2").body)).toMatchObject({ state: "closed", board: { f: { status: "done" } } });
    // The next scheduled run finds nothing owed.
    sim.resetLog();
    expect((await run("schedule", SCHEDULE)).code).toBe(0);
    expect(sim.writes().filter((r) => r.operationId !== "checks/create" && r.operationId !== "git/update-ref")).toEqual(
      [],
    );
  });
});
