import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "./app-harness.js";
import { issueStatePayload, pushPayload } from "./webhook-payloads.js";

const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN =
  "# Plan\r\n\r\n- [ ] WB-1 First *(2 points)*\r\n- [ ] WB-2 Second\r\n- [x] WB-3 Third\r\n- **WB-4:** Story without a box\r\n- [ ] WB-5 Fifth\r\n- [ ] WB-6 Sixth\r\n";

let app: ReturnType<typeof startApp>;
afterEach(() => {
  app?.stop();
  expect(app.sim.violations).toEqual([]);
  expect(app.errors).toEqual([]);
});

async function start(files: Record<string, string> = {}) {
  app = startApp(files);
  await app.push({ [PATH]: PLAN });
}

const issueOf = (id: string) => (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === id);

/** A person closes or reopens the issue on GitHub; the webhook follows. Returns that payload. */
async function setIssueState(id: string, state: "closed" | "open", deliverOnly = false) {
  const number = issueOf(id).number;
  await app.sim.handle({ method: "PATCH", url: `/repos/${FULL}/issues/${number}`, body: JSON.stringify({ state }) });
  const payload = issueStatePayload(target, app.sim.issue(FULL, number), state === "closed" ? "closed" : "reopened");
  app.sim.resetLog();
  if (deliverOnly) await app.deliver("issues", payload);
  else await app.receive("issues", payload);
  return payload;
}

const doc = () => app.sim.readFile(FULL, "main", PATH)!;
const commitsOnMain = () =>
  app.sim.requests.filter(
    (r) => r.operationId === "repos/create-or-update-file-contents" || r.operationId === "git/update-ref",
  );

describe("closing an issue ticks its box", () => {
  it("commits exactly the one-byte change with a clear message", async () => {
    await start();
    await setIssueState("WB-2", "closed");
    expect(doc()).toBe(PLAN.replace("- [ ] WB-2", "- [x] WB-2"));
    const put = app.sim.requests.find((r) => r.operationId === "repos/create-or-update-file-contents")!;
    expect((put.body as any).message).toMatch(/^Check off WB-2 \(#\d+\)/);
    expect(readMarker(issueOf("WB-2").body)!.state).toBe("closed");
    const fileReads = app.sim.reads().filter((r) => r.path.endsWith("/contents/docs/plan.md"));
    expect(fileReads).toHaveLength(1);
  });

  it("unticks the box when the issue is reopened", async () => {
    await start();
    await setIssueState("WB-3", "open");
    expect(doc()).toBe(PLAN.replace("- [x] WB-3", "- [ ] WB-3"));
  });

  it("inserts a box for a story written without one", async () => {
    await start();
    await setIssueState("WB-4", "closed");
    expect(doc()).toBe(PLAN.replace("- **WB-4:**", "- [x] **WB-4:**"));
  });

  it("leaves a story without a box alone when insertCheckbox is off", async () => {
    await start({ ".github/plansync.yml": "writeBack:\n  insertCheckbox: false\n" });
    await setIssueState("WB-4", "closed");
    expect(doc()).toBe(PLAN);
    expect(app.sim.writes()).toEqual([]);
  });

  it("makes one commit for five closes in one window", async () => {
    await start();
    for (const id of ["WB-1", "WB-2", "WB-4", "WB-5", "WB-6"]) await setIssueState(id, "closed", true);
    await app.idle();
    expect(commitsOnMain()).toHaveLength(1);
    expect(doc()).toBe(
      PLAN.replace("- [ ] WB-1", "- [x] WB-1")
        .replace("- [ ] WB-2", "- [x] WB-2")
        .replace("- **WB-4:**", "- [x] **WB-4:**")
        .replace("- [ ] WB-5", "- [x] WB-5")
        .replace("- [ ] WB-6", "- [x] WB-6"),
    );
  });

  it("makes one commit across files through the Git Data API", async () => {
    await start();
    await app.push({ "docs/other.md": "- [ ] OT-1 Other\n" });
    await setIssueState("WB-1", "closed", true);
    await setIssueState("OT-1", "closed", true);
    await app.idle();
    const updates = app.sim.requests.filter((r) => r.operationId === "git/update-ref");
    expect(updates).toHaveLength(1);
    expect(app.sim.readFile(FULL, "main", "docs/other.md")).toBe("- [x] OT-1 Other\n");
    expect(doc()).toBe(PLAN.replace("- [ ] WB-1", "- [x] WB-1"));
  });

  it("makes no second commit for a redelivered issues.closed", async () => {
    await start();
    const payload = await setIssueState("WB-1", "closed");
    app.sim.resetLog();
    await app.receive("issues", payload);
    expect(app.sim.writes()).toEqual([]);
  });

  it("makes zero writes when its own commit comes back as a push", async () => {
    await start();
    await setIssueState("WB-1", "closed");
    const head = app.sim.headSha(FULL, "main");
    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(target, {
        before: "0".repeat(40),
        after: head,
        modified: [PATH],
        sender: { login: "plansync[bot]", type: "Bot" },
      }),
    );
    expect(app.sim.writes()).toEqual([]);
  });

  it("re-reads and retries when someone pushed meanwhile", async () => {
    await start();
    app.sim.failNext({
      method: "PUT",
      pathIncludes: "/contents/",
      status: 409,
      body: { message: "docs/plan.md does not match abc" },
    });
    await setIssueState("WB-1", "closed");
    expect(doc()).toBe(PLAN.replace("- [ ] WB-1", "- [x] WB-1"));
    expect(
      app.sim.requests.filter((r) => r.operationId === "repos/create-or-update-file-contents").map((r) => r.status),
    ).toEqual([409, 200]);
  });

  it("never overwrites a human's change made before the write-back", async () => {
    await start();
    const edited = PLAN.replace("Second", "Second, edited by a human");
    app.sim.commitFiles(FULL, "main", { [PATH]: edited }, "Human edit");
    await setIssueState("WB-1", "closed");
    expect(doc()).toBe(edited.replace("- [ ] WB-1", "- [x] WB-1"));
  });

  it("writes nothing for an ID no longer in the doc or a deleted file", async () => {
    await start();
    app.sim.commitFiles(FULL, "main", { [PATH]: PLAN.replace("- [ ] WB-2 Second\r\n", "") }, "Drop WB-2");
    await setIssueState("WB-2", "closed");
    expect(app.sim.writes()).toEqual([]);
    app.sim.commitFiles(FULL, "main", { [PATH]: null }, "Drop the plan");
    await setIssueState("WB-1", "closed");
    expect(app.sim.writes()).toEqual([]);
  });
});

describe("protected branch", () => {
  it("opens one pull request, and a second close updates the same one", async () => {
    await start();
    app.sim.protectBranch(FULL, "main");
    await setIssueState("WB-1", "closed");
    await setIssueState("WB-2", "closed");
    expect(doc()).toBe(PLAN);
    const pulls = app.sim.requests.filter((r) => r.operationId === "pulls/create");
    expect(pulls).toHaveLength(0); // the second close found the open pull request
    expect((app.sim.issues(FULL) as any[]).filter((i) => i.pull_request)).toHaveLength(1);
    const proposed = app.sim.readFile(FULL, "plansync/checkboxes", PATH);
    expect(proposed).toBe(PLAN.replace("- [ ] WB-1", "- [x] WB-1").replace("- [ ] WB-2", "- [x] WB-2"));
    const runs = app.sim.checkRuns(FULL).filter((r) => r.output.title?.includes("pull request"));
    expect(runs.length).toBeGreaterThan(0);
  });

  it("always uses a pull request when writeBack.mode says so", async () => {
    await start({ ".github/plansync.yml": "writeBack:\n  mode: pull-request\n" });
    await setIssueState("WB-1", "closed");
    expect(doc()).toBe(PLAN);
    expect(app.sim.readFile(FULL, "plansync/checkboxes", PATH)).toBe(PLAN.replace("- [ ] WB-1", "- [x] WB-1"));
  });
});
