import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";

const PATH = "docs/plan.md";
const PLAN = "# Plan\r\n\r\n- [ ] BW-1 First 🚀\r\n- [ ] BW-2 Second\r\n- [x] BW-3 Third\r\n- [ ] BW-4 Fourth\r\n";
const PROJECT = { owner: "orgs/octo", number: 7 };
/** Issue types off: this file is about the board alone (an organisation's repository would get them). */
const CONFIG = "project: https://github.com/orgs/octo/projects/7\ntypes: false\n";

let app: TestApp;
checkAfterEach(() => app);

/** A board with a Status and a Priority field, a config that names it, and the plan synced onto it. */
async function start(config = CONFIG) {
  app = startApp({ ".github/plansync.yml": config }, { ownerType: "Organization" });
  app.sim.createProject(PROJECT.owner, {
    number: PROJECT.number,
    fields: [
      { name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] },
      { name: "Priority", dataType: "SINGLE_SELECT", options: ["P0", "P1"] },
    ],
  });
  await app.push({ [PATH]: PLAN });
  expect(app.errors).toEqual([]);
  expect(readMarker(issueOfTask(app, "BW-1").body)!.board).toEqual({ p: "orgs/octo/7", f: { status: "todo" } });
}

/**
 * GitHub's real `projects_v2_item` `edited` example (@octokit/webhooks-examples), its ids and
 * change pointed at the card a person just edited on the simulated board.
 */
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

/** A person moves a task's card to `status` on the board; returns the webhook GitHub sends. */
function moveCard(id: string, status: string, field = "Status") {
  const number = issueOfTask(app, id).number;
  return realPayload(app.sim.editProjectItem(PROJECT, { ownerRepo: FULL, number }, field, status));
}

async function receiveCard(payload: Record<string, any>) {
  app.sim.resetLog();
  await app.receive("projects_v2_item", payload);
}

const doc = () => app.sim.readFile(FULL, "main", PATH)!;
const ops = () => app.sim.writes().map((r) => `${r.method} ${r.operationId ?? r.path}`);
const commits = () =>
  app.sim.requests.filter(
    (r) => r.operationId === "repos/create-or-update-file-contents" || r.operationId === "git/update-ref",
  );

describe("board to doc: a card's Status writes the mark back", () => {
  it("Done on the board: one commit ticking exactly that box, the issue closed in the same PATCH as its marker", async () => {
    await start();
    const number = issueOfTask(app, "BW-2").number;
    await receiveCard(moveCard("BW-2", "Done"));
    // The handler's lookups (the card's issue, the installation's repositories), then the job:
    // config, issue, project fields, cards, the doc naming the task's project, who set the Status
    // and whether they may close issues, the commit, the marker.
    expect(app.sim.requests.map((r) => `${r.method} ${r.operationId}`)).toEqual([
      "POST graphql:query:node",
      "GET apps/list-repos-accessible-to-installation",
      "GET repos/get-content",
      "GET issues/get",
      "POST graphql:query:organization",
      "POST graphql:query:nodes",
      "GET repos/get",
      "GET repos/get-content",
      "POST graphql:query:node",
      "GET repos/get-collaborator-permission-level",
      "GET git/get-ref",
      "GET repos/get-content",
      "GET pulls/list",
      "PUT repos/create-or-update-file-contents",
      "GET issues/get",
      "PATCH issues/update",
    ]);
    expect(doc()).toBe(PLAN.replace("- [ ] BW-2", "- [x] BW-2"));
    expect(commits()).toHaveLength(1);
    const put = app.sim.requests.find((r) => r.operationId === "repos/create-or-update-file-contents")!;
    expect((put.body as any).message).toMatch(/^Check off BW-2 \(#\d+\)\n/);
    const patches = app.sim.writes().filter((r) => r.operationId === "issues/update");
    expect(patches).toHaveLength(1);
    expect(patches[0]!.body).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(ops()).toEqual([`PUT repos/create-or-update-file-contents`, `PATCH issues/update`]);
    const issue = app.sim.issue(FULL, number) as any;
    expect(issue.state).toBe("closed");
    expect(issue.state_reason).toBe("completed");
    const marker = readMarker(issue.body)!;
    expect(marker.state).toBe("closed");
    expect(marker.board).toEqual({ p: "orgs/octo/7", f: { status: "done" } });
  });

  it("a redelivered webhook and the app's own push coming back make 0 writes", async () => {
    await start();
    const payload = moveCard("BW-1", "Done");
    await receiveCard(payload);
    expect(commits()).toHaveLength(1);
    await receiveCard(payload);
    expect(app.sim.writes()).toEqual([]);
    const head = app.sim.headSha(FULL, "main");
    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(
        { owner: OWNER, repo: REPO },
        { before: "0".repeat(40), after: head, modified: [PATH], sender: { login: "plansync[bot]", type: "Bot" } },
      ),
    );
    expect(app.sim.writes()).toEqual([]);
    expect(doc()).toBe(PLAN.replace("- [ ] BW-1", "- [x] BW-1"));
  });

  it("In Progress writes [~] and leaves the issue open; Todo on a done task unticks it and reopens the issue", async () => {
    await start();
    await receiveCard(moveCard("BW-1", "In Progress"));
    expect(doc()).toBe(PLAN.replace("- [ ] BW-1", "- [~] BW-1"));
    const put = app.sim.requests.find((r) => r.operationId === "repos/create-or-update-file-contents")!;
    expect((put.body as any).message).toMatch(/^Mark BW-1 \(#\d+\) in progress\n/);
    expect(app.sim.writes().find((r) => r.operationId === "issues/update")!.body).not.toHaveProperty("state");
    expect(issueOfTask(app, "BW-1").state).toBe("open");
    expect(readMarker(issueOfTask(app, "BW-1").body)!.board!.f.status).toBe("inProgress");

    expect(issueOfTask(app, "BW-3").state).toBe("closed");
    await receiveCard(moveCard("BW-3", "Todo"));
    expect(doc()).toBe(PLAN.replace("- [ ] BW-1", "- [~] BW-1").replace("- [x] BW-3", "- [ ] BW-3"));
    expect(issueOfTask(app, "BW-3").state).toBe("open");
    expect(readMarker(issueOfTask(app, "BW-3").body)).toMatchObject({
      state: "open",
      board: { f: { status: "todo" } },
    });
  });

  it("two cards moved quickly make one commit", async () => {
    await start();
    const first = moveCard("BW-1", "Done");
    const second = moveCard("BW-4", "In Progress");
    app.sim.resetLog();
    await app.deliver("projects_v2_item", first);
    await app.deliver("projects_v2_item", second);
    await app.idle();
    expect(commits()).toHaveLength(1);
    expect(doc()).toBe(PLAN.replace("- [ ] BW-1", "- [x] BW-1").replace("- [ ] BW-4", "- [~] BW-4"));
  });

  it("a protected branch gets one pull request with the marks", async () => {
    await start();
    app.sim.protectBranch(FULL, "main");
    await receiveCard(moveCard("BW-1", "Done"));
    await receiveCard(moveCard("BW-4", "In Progress"));
    expect(doc()).toBe(PLAN);
    expect((app.sim.issues(FULL) as any[]).filter((i) => i.pull_request)).toHaveLength(1);
    expect(app.sim.readFile(FULL, "plansync/checkboxes", PATH)).toBe(
      PLAN.replace("- [ ] BW-1", "- [x] BW-1").replace("- [ ] BW-4", "- [~] BW-4"),
    );
    // Markers wait for the merge: the issue stays open until then.
    expect(issueOfTask(app, "BW-1").state).toBe("open");
  });

  it("a non-Status field, a draft's card, or plansync's own board write cost no write (the last two no request)", async () => {
    await start();
    await receiveCard(moveCard("BW-1", "P0", "Priority"));
    expect(app.sim.writes()).toEqual([]);
    const draft = moveCard("BW-2", "Done");
    draft.projects_v2_item.content_type = "DraftIssue";
    await receiveCard(draft);
    expect(app.sim.requests.filter((r) => r.operationId !== "apps/create-installation-access-token")).toEqual([]);
    const own = moveCard("BW-2", "Done");
    own.sender = { login: "plansync[bot]", type: "Bot" };
    await receiveCard(own);
    expect(app.sim.requests.filter((r) => r.operationId !== "apps/create-installation-access-token")).toEqual([]);
    expect(doc()).toBe(PLAN);
  });

  it("a card on a project that is not the task's writes nothing", async () => {
    await start();
    app.sim.createProject("orgs/octo", {
      number: 8,
      fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
    });
    const number = issueOfTask(app, "BW-1").number;
    await receiveCard(
      realPayload(
        app.sim.editProjectItem({ owner: "orgs/octo", number: 8 }, { ownerRepo: FULL, number }, "Status", "Done"),
      ),
    );
    expect(app.sim.writes()).toEqual([]);
    expect(doc()).toBe(PLAN);
  });

  it("a stranger's issue with a copied marker writes nothing, whatever its card says", async () => {
    await start();
    const real = issueOfTask(app, "BW-1");
    const marker = real.body.slice(real.body.lastIndexOf("<!-- plansync "));
    const created = await app.sim.handle({
      method: "POST",
      url: `/repos/${FULL}/issues`,
      headers: { "x-sim-actor": "mallory" },
      body: JSON.stringify({ title: "BW-1: copied", body: `Mine now.\n\n${marker}` }),
    });
    const number = (created.body as { number: number }).number;
    app.sim.setProjectField(PROJECT, { ownerRepo: FULL, number }, "Status", "Todo", "mallory");
    const payload = realPayload(
      app.sim.editProjectItem(PROJECT, { ownerRepo: FULL, number }, "Status", "Done", "mallory"),
    );
    await receiveCard(payload);
    expect(app.sim.writes()).toEqual([]);
    expect(doc()).toBe(PLAN);
  });

  it("conflict: a person closed the issue while the card went to In Progress; the issue's state decides the tick", async () => {
    await start();
    const number = issueOfTask(app, "BW-1").number;
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${number}`,
      headers: { "x-sim-actor": "alice" },
      body: JSON.stringify({ state: "closed" }),
    });
    await receiveCard(moveCard("BW-1", "In Progress"));
    expect(doc()).toBe(PLAN.replace("- [ ] BW-1", "- [x] BW-1"));
    const patch = app.sim.writes().find((r) => r.operationId === "issues/update")!;
    expect(patch.body).not.toHaveProperty("state");
    expect(issueOfTask(app, "BW-1").state).toBe("closed");
    expect(readMarker(issueOfTask(app, "BW-1").body)).toMatchObject({
      state: "closed",
      board: { p: "orgs/octo/7", f: { status: "inProgress" } },
    });
  });

  it("a card whose issue is in another account's repository than the installation's is ignored after the lookup", async () => {
    await start();
    const payload = moveCard("BW-1", "Done");
    payload.organization.login = "elsewhere";
    await receiveCard(payload);
    expect(app.sim.requests.map((r) => r.operationId)).toEqual(["graphql:query:node"]);
    expect(doc()).toBe(PLAN);
  });

  it("a card of a repository of the same organisation that the installation does not cover queues nothing", async () => {
    await start();
    // A public repository reads fine with the installation's token but refuses its writes.
    app.sim.addRepo({ owner: OWNER, repo: "elsewhere", installationId: 2, ownerType: "Organization" });
    const real = issueOfTask(app, "BW-1");
    const created = await app.sim.handle({
      method: "POST",
      url: `/repos/${OWNER}/elsewhere/issues`,
      headers: { "x-sim-actor": "plansync[bot]" },
      body: JSON.stringify({ title: real.title, body: real.body }),
    });
    const number = (created.body as { number: number }).number;
    const other = { ownerRepo: `${OWNER}/elsewhere`, number };
    app.sim.setProjectField(PROJECT, other, "Status", "Todo");
    await receiveCard(realPayload(app.sim.editProjectItem(PROJECT, other, "Status", "Done")));
    expect(app.sim.requests.map((r) => r.operationId)).toEqual([
      "graphql:query:node",
      "apps/list-repos-accessible-to-installation",
    ]);
    expect(doc()).toBe(PLAN);
  });
});
