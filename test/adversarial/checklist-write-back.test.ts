import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueEditedPayload } from "../app/webhook-payloads.js";

const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN = "- [ ] CW-1 Ship it\n  - [ ] ask @alice for review\n  - [ ] update docs\n- [ ] CW-2 Other\n";

let app: TestApp;
checkAfterEach(() => app);

const issueOf = (id: string) => issueOfTask(app, id);
const doc = (branch = "main") => app.sim.readFile(FULL, branch, PATH);

async function setBody(number: number, body: string) {
  await app.sim.handle({ method: "PATCH", url: `/repos/${FULL}/issues/${number}`, body: JSON.stringify({ body }) });
}

/** A person edits the issue body on GitHub; the edited webhook follows (with the body before). */
async function editIssue(id: string, edit: (body: string) => string) {
  const issue = issueOf(id);
  await setBody(issue.number, edit(issue.body));
  const payload = issueEditedPayload(target, app.sim.issue(FULL, issue.number), issue.body);
  app.sim.resetLog();
  await app.receive("issues", payload);
  return payload;
}

describe("checklist write-back", () => {
  it("matches an item whose text has a neutralised mention", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    await editIssue("CW-1", (b) => b.replace("- [ ] ask @\u200Balice", "- [x] ask @\u200Balice"));
    expect(doc()).toBe(PLAN.replace("- [ ] ask @alice", "- [x] ask @alice"));
  });

  it("costs no API call for the app's own edit of the issue", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const before = issueOf("CW-1").body;
    // The doc ticks an item; the app re-renders the issue, and GitHub sends issues.edited for it.
    await app.push({ [PATH]: PLAN.replace("- [ ] update docs", "- [x] update docs") });
    const payload = issueEditedPayload(target, app.sim.issue(FULL, issueOf("CW-1").number), before);
    payload.sender = { ...payload.sender, login: "plansync[bot]", type: "Bot" };
    app.sim.resetLog();
    await app.receive("issues", payload);
    expect(app.sim.requests).toEqual([]);
  });

  it("reads the issue when the job runs, not the event's stale body", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("CW-1");
    const ticked = issue.body.replace("- [ ] update docs", "- [x] update docs");
    await setBody(issue.number, ticked);
    const stale = issueEditedPayload(target, app.sim.issue(FULL, issue.number), issue.body);
    // The human unticks it again before plansync gets to it; that second event is lost.
    await setBody(issue.number, issue.body);
    await app.receive("issues", stale);
    expect(doc()).toBe(PLAN);
  });

  it("goes to the pull request when writeBack.mode is pull-request", async () => {
    app = startApp({ ".github/plansync.yml": "writeBack:\n  mode: pull-request\n" });
    await app.push({ [PATH]: PLAN });
    await editIssue("CW-1", (b) => b.replace("- [ ] update docs", "- [x] update docs"));
    expect(doc()).toBe(PLAN);
    expect(doc("plansync/checkboxes")).toBe(PLAN.replace("- [ ] update docs", "- [x] update docs"));
  });

  it("goes to the pull request when the branch is protected", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    app.sim.protectBranch(FULL, "main");
    await editIssue("CW-1", (b) => b.replace("- [ ] update docs", "- [x] update docs"));
    expect(doc()).toBe(PLAN);
    expect(doc("plansync/checkboxes")).toBe(PLAN.replace("- [ ] update docs", "- [x] update docs"));
  });

  it("is healed by the next sync when the edited event was lost", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("CW-1");
    await setBody(issue.number, issue.body.replace("- [ ] update docs", "- [x] update docs"));
    await app.push({ "docs/other.md": "- [ ] CW-9 Unrelated\n" });
    await app.idle();
    expect(doc()).toBe(PLAN.replace("- [ ] update docs", "- [x] update docs"));
  });
});
