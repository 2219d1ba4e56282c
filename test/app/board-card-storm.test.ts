import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "../app/app-harness.js";

/**
 * Review (integrated): a redelivery storm of projects_v2_item events. README: a redelivered
 * webhook makes no write; moves within the window make one commit; the job decides from fresh reads.
 */

const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] BW-1 First\n- [ ] BW-2 Second\n- [x] BW-3 Third\n- [ ] BW-4 Fourth\n";
const PROJECT = { owner: "orgs/octo", number: 7 };
const CONFIG = "project: https://github.com/orgs/octo/projects/7\n";

let app: TestApp;
checkAfterEach(() => app);

function realPayload(simulated: Record<string, any>): Record<string, any> {
  const group = (examples as unknown as { name: string; examples: Record<string, any>[] }[]).find(
    (g) => g.name === "projects_v2_item",
  )!;
  const payload = structuredClone(group.examples.find((e) => e.action === "edited")!);
  Object.assign(payload.projects_v2_item, {
    id: simulated.projects_v2_item.id,
    node_id: simulated.projects_v2_item.node_id,
    project_node_id: simulated.projects_v2_item.project_node_id,
    content_node_id: simulated.projects_v2_item.content_node_id,
    content_type: "Issue",
  });
  payload.changes = simulated.changes;
  payload.organization = { ...payload.organization, ...simulated.organization };
  payload.sender = { ...payload.sender, ...simulated.sender };
  payload.installation = simulated.installation;
  return payload;
}

const move = (id: string, status: string) =>
  realPayload(
    app.sim.editProjectItem(PROJECT, { ownerRepo: FULL, number: issueOfTask(app, id).number }, "Status", status),
  );

describe("a storm of projects_v2_item deliveries", () => {
  it("out-of-order redeliveries of older moves, many times over, end with the board's current Status in the doc and one commit", async () => {
    app = startApp({ ".github/plansync.yml": CONFIG }, { ownerType: "Organization" });
    app.sim.createProject(PROJECT.owner, {
      number: PROJECT.number,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    await app.push({ [PATH]: PLAN });
    const a1 = move("BW-1", "Done");
    const a2 = move("BW-1", "In Progress"); // BW-1 ends In Progress
    const b1 = move("BW-2", "Done"); // BW-2 ends Done
    const c1 = move("BW-3", "Todo");
    const c2 = move("BW-3", "Done"); // BW-3 back where it was: nothing to write
    app.sim.resetLog();
    const storm = [a2, b1, c2, a1, c1, b1, a1, a2, c1, b1, a1, c2, a1, b1, a1, c1, a2, a1, b1, a1];
    await Promise.all(storm.map((p) => app.deliver("projects_v2_item", p)));
    await app.idle();
    const doc = app.sim.readFile(FULL, "main", PATH)!;
    expect(doc).toBe(PLAN.replace("- [ ] BW-1", "- [~] BW-1").replace("- [ ] BW-2", "- [x] BW-2"));
    const commits = app.sim.requests.filter((r) => r.operationId === "repos/create-or-update-file-contents");
    expect(commits).toHaveLength(1);
    const patches = app.sim.writes().filter((r) => r.operationId === "issues/update");
    expect(patches).toHaveLength(2);
    expect(issueOfTask(app, "BW-2").state).toBe("closed");
    expect(issueOfTask(app, "BW-3").state).toBe("closed");
    expect(readMarker(issueOfTask(app, "BW-1").body)!.board!.f.status).toBe("inProgress");
    // And once settled, the same storm again writes nothing.
    app.sim.resetLog();
    await Promise.all(storm.map((p) => app.deliver("projects_v2_item", p)));
    await app.idle();
    expect(app.sim.writes()).toEqual([]);
  });
});
