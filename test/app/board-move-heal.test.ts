import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * Board → doc write-back when the card event never arrived, and for a story that owes the doc
 * nothing. README "Board to doc": a missed card event is found by a sync that reads the task's
 * file and by every full sync (the App's periodic reconcile); a push of other files reads only
 * those files' cards.
 */

const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] BW-1 First\n- [ ] BW-2 Second\n- [x] BW-3 Third\n- [ ] BW-4 Fourth\n";
const PROJECT = { owner: "orgs/octo", number: 7 };
const URL = "https://github.com/orgs/octo/projects/7";
const CONFIG = `project: ${URL}\ntypes: false\n`;
const FIELDS = [{ name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] }];

let app: TestApp;
checkAfterEach(() => app);

async function start(files: Record<string, string> = { [PATH]: PLAN }, config = CONFIG) {
  app = startApp({ ".github/plansync.yml": config }, { ownerType: "Organization" });
  app.sim.createProject(PROJECT.owner, { number: PROJECT.number, fields: FIELDS });
  await app.push(files);
  expect(app.errors).toEqual([]);
}

/** GitHub's real `projects_v2_item.edited` example, pointed at the simulated card. */
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

const moveCard = (id: string, status: string, project = PROJECT) =>
  realPayload(
    app.sim.editProjectItem(project, { ownerRepo: FULL, number: issueOfTask(app, id).number }, "Status", status),
  );

async function receiveCard(payload: Record<string, any>) {
  app.sim.resetLog();
  await app.receive("projects_v2_item", payload);
}
const read = (path = PATH, branch = "main") => app.sim.readFile(FULL, branch, path)!;

describe("board → doc: a missed card event is healed", () => {
  it("a push of another file heals a missed close but not a missed card move; the periodic full sync heals the move", async () => {
    await start();
    // The card event was lost (app down); so was the close event of BW-4 (a person closed it).
    app.sim.setProjectField(PROJECT, { ownerRepo: FULL, number: issueOfTask(app, "BW-2").number }, "Status", "Done");
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${issueOfTask(app, "BW-4").number}`,
      headers: { "x-sim-actor": "alice" },
      body: JSON.stringify({ state: "closed" }),
    });
    // A push of another plan file: every managed issue's state is weighed, only that file's cards are read.
    await app.push({ "docs/other.md": "# Other\n\n- [ ] OT-1 New\n" });
    const afterPush = read();
    expect({
      closedIssueHealed: afterPush.includes("- [x] BW-4"),
      movedCard: afterPush.includes("- [x] BW-2"),
    }).toEqual({ closedIssueHealed: true, movedCard: false });
    // The App's periodic reconcile (RECONCILE_INTERVAL_MS) is a full sync: it reads every file's cards.
    await app.enqueue({ kind: "reconcile" });
    await app.idle();
    expect(read()).toBe(PLAN.replace("- [ ] BW-2", "- [x] BW-2").replace("- [ ] BW-4", "- [x] BW-4"));
    expect(issueOfTask(app, "BW-2").state).toBe("closed");
  });

  it("a push of the task's own file heals a missed card move", async () => {
    await start();
    app.sim.setProjectField(
      PROJECT,
      { ownerRepo: FULL, number: issueOfTask(app, "BW-1").number },
      "Status",
      "In Progress",
    );
    await app.push({ [PATH]: PLAN + "\nNotes.\n" });
    expect(read()).toBe(PLAN.replace("- [ ] BW-1", "- [~] BW-1") + "\nNotes.\n");
  });
});

describe("board → doc: writeBack.insertCheckbox false", () => {
  it("a box-less story's Done card makes no write-back on every later sync of its file", async () => {
    const text = "# Plan\n\n- **BE-101:** Story one\n- **BE-102:** Story two\n";
    await start({ [PATH]: text }, `project: ${URL}\ntypes: false\nwriteBack:\n  insertCheckbox: false\n`);
    await receiveCard(moveCard("BE-101", "Done"));
    expect(read()).toBe(text);
    // README: "then such a story owes the doc nothing, and a sync that reads its file queues no write-back for it".
    await app.push({ [PATH]: text + "\nNotes.\n" });
    const jobReads = app.sim.requests.filter((r) => r.operationId === "issues/get").length;
    await app.push({ [PATH]: text + "\nMore notes.\n" });
    const jobReads2 = app.sim.requests.filter((r) => r.operationId === "issues/get").length;
    expect({ jobReads, jobReads2 }).toEqual({ jobReads: 0, jobReads2: 0 });
  });
});
