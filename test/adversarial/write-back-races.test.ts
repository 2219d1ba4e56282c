import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app);

const A = "# A\n\n- [ ] RA-1 First in A\n- [ ] RA-2 Second in A\n";
const B = "# B\n\n- [ ] RB-1 First in B\n";
const issueOf = (id: string) => issueOfTask(app, id);

async function close(id: string) {
  const number = issueOf(id).number;
  await app.sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${number}`,
    body: JSON.stringify({ state: "closed" }),
  });
  await app.deliver("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, number), "closed"));
}

describe("a write-back across files racing a human's push", () => {
  it("never reverts the human's commit", async () => {
    app = startApp({});
    await app.push({ "docs/a.md": A, "docs/b.md": B });
    const human = A.replace("Second in A", "Second in A, rewritten by a human");
    // The human's push lands after plansync read the files and before it builds its commit.
    app.sim.beforeNext("git/get-ref", () => app.sim.commitFiles(FULL, "main", { "docs/a.md": human }, "Human"));
    await close("RA-1");
    await close("RB-1");
    await app.idle();
    expect(app.sim.readFile(FULL, "main", "docs/a.md")).toBe(human.replace("[ ] RA-1", "[x] RA-1"));
    expect(app.sim.readFile(FULL, "main", "docs/b.md")).toBe(B.replace("[ ] RB-1", "[x] RB-1"));
  });
});

describe("the checkbox pull request racing a human's push", () => {
  it("is computed from the commit whose files it edits", async () => {
    app = startApp({});
    await app.push({ "docs/a.md": A, "docs/b.md": B, ".github/plansync.yml": "writeBack:\n  mode: pull-request\n" });
    const human = A.replace("Second in A", "Second in A, rewritten by a human");
    app.sim.beforeNext("git/get-ref", () => app.sim.commitFiles(FULL, "main", { "docs/a.md": human }, "Human"));
    await close("RA-1");
    await close("RB-1");
    await app.idle();
    const proposed = app.sim.readFile(FULL, "plansync/checkboxes", "docs/a.md");
    expect(proposed).toBe(human.replace("[ ] RA-1", "[x] RA-1"));
  });
});

describe("a marker edited to name another file", () => {
  it("is not trusted: write-back only touches configured plan paths", async () => {
    const readme = "# Project\n\n- [ ] RA-1 Not a plan, just a readme checklist\n";
    app = startApp({ "README.md": readme });
    await app.push({ "docs/a.md": A });
    const issue = issueOf("RA-1");
    const forged = issue.body.replace('"file":"docs/a.md"', '"file":"README.md"');
    expect(forged).not.toBe(issue.body);
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${issue.number}`,
      body: JSON.stringify({ body: forged }),
    });
    app.sim.resetLog();
    await close("RA-1");
    await app.idle();
    expect(app.sim.readFile(FULL, "main", "README.md")).toBe(readme);
    // The human's close is the only write.
    expect(app.sim.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/${FULL}/issues/${issue.number}`,
    ]);
  });
});
