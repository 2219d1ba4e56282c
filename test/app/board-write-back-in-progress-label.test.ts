import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";

/**
 * A card moved to In Progress writes `[~]`. README: tasks marked `[~]` get the
 * `in progress` label (labels.inProgress), and "the app's own commit coming back as a push ...
 * make[s] no write". Both cannot hold unless the write-back itself labels the issue.
 */
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] BW-1 First\n- [ ] BW-2 Second\n";
const PROJECT = { owner: "orgs/octo", number: 7 };
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

describe("board to doc: In Progress and the in-progress label", () => {
  it("the issue carries the in-progress label, and the app's own push then writes nothing", async () => {
    app = startApp(
      { ".github/plansync.yml": "project: https://github.com/orgs/octo/projects/7\ntypes: false\n" },
      { ownerType: "Organization" },
    );
    app.sim.createProject(PROJECT.owner, {
      number: 7,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    await app.push({ [PATH]: PLAN });
    const number = issueOfTask(app, "BW-1").number;
    app.sim.resetLog();
    await app.receive(
      "projects_v2_item",
      realPayload(app.sim.editProjectItem(PROJECT, { ownerRepo: FULL, number }, "Status", "In Progress")),
    );
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] BW-1", "- [~] BW-1"));
    // The app's own commit comes back as a push (sender: the app's bot).
    const head = app.sim.headSha(FULL, "main");
    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(
        { owner: OWNER, repo: REPO, ownerType: "Organization" },
        { before: "0".repeat(40), after: head, modified: [PATH], sender: { login: "plansync[bot]", type: "Bot" } },
      ),
    );
    const ownPushWrites = app.sim
      .writes()
      .map((w) => `${w.method} ${w.operationId}`)
      .filter((w) => !w.includes("checks/"));
    const labels = (issueOfTask(app, "BW-1").labels as { name: string }[]).map((l) => l.name);
    expect({ ownPushWrites, hasInProgressLabel: labels.includes("in progress") }).toEqual({
      ownPushWrites: [],
      hasInProgressLabel: true,
    });
  });

  it("Done on a task the doc marks [~]: the app's own push then writes nothing (the label already went with the close)", async () => {
    app = startApp(
      { ".github/plansync.yml": "project: https://github.com/orgs/octo/projects/7\ntypes: false\n" },
      { ownerType: "Organization" },
    );
    app.sim.createProject(PROJECT.owner, {
      number: 7,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    await app.push({ [PATH]: PLAN.replace("- [ ] BW-1", "- [~] BW-1") });
    const number = issueOfTask(app, "BW-1").number;
    expect((issueOfTask(app, "BW-1").labels as { name: string }[]).map((l) => l.name)).toContain("in progress");
    app.sim.resetLog();
    await app.receive(
      "projects_v2_item",
      realPayload(app.sim.editProjectItem(PROJECT, { ownerRepo: FULL, number }, "Status", "Done")),
    );
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] BW-1", "- [x] BW-1"));
    const head = app.sim.headSha(FULL, "main");
    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(
        { owner: OWNER, repo: REPO, ownerType: "Organization" },
        { before: "0".repeat(40), after: head, modified: [PATH], sender: { login: "plansync[bot]", type: "Bot" } },
      ),
    );
    const ownPushWrites = app.sim
      .writes()
      .map((w) => `${w.method} ${w.operationId}`)
      .filter((w) => !w.includes("checks/"));
    expect(ownPushWrites).toEqual([]);
  });
});
