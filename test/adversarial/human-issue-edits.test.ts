import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueEditedPayload, pushPayload } from "../app/webhook-payloads.js";

/**
 * Issue #20: a human's edit of a managed issue survives plansync's own updates. The sync and the
 * write-back send only the bytes they own, onto the issue as it is when they write.
 */

const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] HE-1 First *(2 points)*\n  - [ ] step one\n  - [ ] step two\n- [ ] HE-2 Second\n";

let app: TestApp;
checkAfterEach(() => app);

const issueOf = (id: string) => issueOfTask(app, id);
const doc = () => app.sim.readFile(FULL, "main", PATH)!;
const humans = new Set<unknown>();

/**
 * What a person does on GitHub; kept out of `requests()`, which lists plansync's. The simulator
 * logs a request before its first await, so the person's is the last entry right after the call.
 */
function human(method: string, url: string, body?: unknown): Promise<void> {
  const response = app.sim.handle({
    method,
    url: `/repos/${FULL}${url}`,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  humans.add(app.sim.requests.at(-1));
  return response.then((r) => expect(r.status).toBeLessThan(300));
}

/** plansync's requests since the log was reset, as `METHOD path`. */
const requests = () => app.sim.requests.filter((r) => !humans.has(r)).map((r) => `${r.method} ${r.path}`);
const writes = () => requests().filter((r) => !r.startsWith("GET "));

/** The visible part of a body: everything but the marker line. */
const withoutMarker = (body: string) => body.replace(/<!-- plansync \{[^\n]*\} -->/, "<marker>");

describe("a marker-only update racing a human's edit of the body", () => {
  it("keeps the line the human added and the box they ticked", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("HE-1");
    const edited = issue.body
      .replace("- [ ] step one", "- [x] step one")
      .replace("- [ ] step two", "- [ ] step two\n\nA note a human added.");
    // The human saves their edit after the sync listed the issues, before it closes this one.
    app.sim.beforeNext(
      "issues/list-milestones",
      () => void human("PATCH", `/issues/${issue.number}`, { body: edited }),
    );
    await app.push({ [PATH]: PLAN.replace("- [ ] HE-1", "- [x] HE-1") });
    const after = issueOf("HE-1");
    expect(after.state).toBe("closed");
    expect(withoutMarker(after.body)).toBe(withoutMarker(edited));
    expect(readMarker(after.body)).toEqual({ ...readMarker(issue.body), state: "closed" });
    // One re-read of the issue, then one update carrying the marker and the state.
    expect(requests().filter((r) => r.includes("/issues/"))).toEqual([
      `GET /repos/${FULL}/issues/${issue.number}`,
      `PATCH /repos/${FULL}/issues/${issue.number}`,
    ]);
    expect(writes()).toEqual([`PATCH /repos/${FULL}/issues/${issue.number}`, `POST /repos/${FULL}/check-runs`]);
  });
});

describe("closing the issue of a task removed from the doc, racing a human's edit", () => {
  it("keeps the human's line and records the close in the marker alone", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("HE-2");
    const edited = issue.body.replace("\n\n---\n", "\n\nWhy we dropped it: see the review.\n\n---\n");
    app.sim.beforeNext(
      "issues/list-milestones",
      () => void human("PATCH", `/issues/${issue.number}`, { body: edited }),
    );
    await app.push({ [PATH]: PLAN.replace("- [ ] HE-2 Second\n", "") });
    const after = issueOf("HE-2");
    expect(after.state).toBe("closed");
    expect(after.state_reason).toBe("not_planned");
    expect(withoutMarker(after.body)).toBe(withoutMarker(edited));
    expect(readMarker(after.body)).toEqual({ ...readMarker(issue.body), state: "closed" });
  });
});

describe("a label change racing a human's label", () => {
  it("keeps the label the human added while the sync swaps its own", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("HE-1");
    app.sim.beforeNext(
      "issues/list-milestones",
      () => void human("POST", `/issues/${issue.number}/labels`, { labels: ["needs design"] }),
    );
    await app.push({ [PATH]: PLAN.replace("*(2 points)*", "*(3 points)*") });
    const labels = (issueOf("HE-1").labels as { name: string }[]).map((l) => l.name).sort();
    expect(labels).toEqual(["needs design", "plansync", "points: 3"]);
    // The new label is made first; then the body (its meta line changed), then one add and one remove.
    expect(writes()).toEqual([
      `POST /repos/${FULL}/labels`,
      `PATCH /repos/${FULL}/issues/${issue.number}`,
      `POST /repos/${FULL}/issues/${issue.number}/labels`,
      `DELETE /repos/${FULL}/issues/${issue.number}/labels/points: 2`,
      `POST /repos/${FULL}/check-runs`,
    ]);
    const add = app.sim.requests.find((r) => r.path.endsWith(`/issues/${issue.number}/labels`) && !humans.has(r))!;
    expect(add.body).toEqual({ labels: ["points: 3"] });
    const update = app.sim.requests.find((r) => r.method === "PATCH" && !humans.has(r))!;
    expect(Object.keys(update.body as object).sort()).toEqual(["body"]);
  });

  it("adds a doc's assignee without dropping one a human assigned", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["octo", "ann", "bob"]);
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("HE-2");
    app.sim.beforeNext(
      "issues/list-milestones",
      () => void human("POST", `/issues/${issue.number}/assignees`, { assignees: ["bob"] }),
    );
    await app.push({ [PATH]: PLAN.replace("- [ ] HE-2 Second\n", "- [ ] HE-2 Second\n  - **Owner:** @ann\n") });
    const assignees = (issueOf("HE-2").assignees as { login: string }[]).map((a) => a.login).sort();
    expect(assignees).toEqual(["ann", "bob"]);
    const add = app.sim.requests.find((r) => r.path.endsWith(`/issues/${issue.number}/assignees`) && !humans.has(r))!;
    expect(add.method).toBe("POST");
    expect(add.body).toEqual({ assignees: ["ann"] });
  });
});

describe("a checklist write-back", () => {
  it("keeps a note the human added in the same edit as the tick", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("HE-1");
    const edited = issue.body.replace("- [ ] step one", "- [x] step one\n\nDone on staging first, see the log.");
    await human("PATCH", `/issues/${issue.number}`, { body: edited });
    const payload = issueEditedPayload(target, app.sim.issue(FULL, issue.number), issue.body);
    app.sim.resetLog();
    await app.receive("issues", payload);
    expect(doc()).toBe(PLAN.replace("- [ ] step one", "- [x] step one"));
    const after = issueOf("HE-1");
    expect(withoutMarker(after.body)).toBe(withoutMarker(edited));
    expect(readMarker(after.body)!.checks).toBe("x ");
    // Read for the write-back, re-read just before the marker update, and one update.
    expect(requests().filter((r) => r.includes(`/issues/${issue.number}`))).toEqual([
      `GET /repos/${FULL}/issues/${issue.number}`,
      `GET /repos/${FULL}/issues/${issue.number}`,
      `PATCH /repos/${FULL}/issues/${issue.number}`,
    ]);
    // The app's own commit comes back as a push: the issue and the doc agree, nothing is written.
    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(target, {
        before: "0".repeat(40),
        after: app.sim.headSha(FULL, "main"),
        modified: [PATH],
        sender: { login: "plansync[bot]", type: "Bot" },
      }),
    );
    expect(app.sim.writes()).toEqual([]);
    expect(issueOf("HE-1").body).toBe(after.body);
  });

  it("keeps an edit the human made while the commit was being written", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("HE-1");
    const ticked = issue.body.replace("- [ ] step two", "- [x] step two");
    await human("PATCH", `/issues/${issue.number}`, { body: ticked });
    const payload = issueEditedPayload(target, app.sim.issue(FULL, issue.number), issue.body);
    const later = ticked.replace("- [x] step two", "- [x] step two\n\nAnd a later thought.");
    app.sim.beforeNext(
      "repos/create-or-update-file-contents",
      () => void human("PATCH", `/issues/${issue.number}`, { body: later }),
    );
    app.sim.resetLog();
    await app.receive("issues", payload);
    expect(doc()).toBe(PLAN.replace("- [ ] step two", "- [x] step two"));
    expect(withoutMarker(issueOf("HE-1").body)).toBe(withoutMarker(later));
  });

  it("still brings a doc change it waited for into the issue", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const issue = issueOf("HE-1");
    // A tick in the issue whose webhook was lost, then a push that changes the task's details:
    // the sync leaves the body to the write-back it queues, so the tick is not lost to a re-render.
    await human("PATCH", `/issues/${issue.number}`, { body: issue.body.replace("- [ ] step one", "- [x] step one") });
    const changed = PLAN.replace("  - [ ] step two\n", "  - [ ] step two\n  - a detail added in the doc\n");
    await app.push({ [PATH]: changed });
    expect(doc()).toBe(changed.replace("- [ ] step one", "- [x] step one"));
    // The write-back's commit comes back as a push: the doc's new detail reaches the issue.
    await app.receive(
      "push",
      pushPayload(target, {
        before: "0".repeat(40),
        after: app.sim.headSha(FULL, "main"),
        modified: [PATH],
        sender: { login: "plansync[bot]", type: "Bot" },
      }),
    );
    const body = issueOf("HE-1").body as string;
    expect(body).toContain("- [x] step one");
    expect(body).toContain("a detail added in the doc");
  });
});
