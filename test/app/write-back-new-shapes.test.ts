// Write-back changes exactly the intended bytes for the new ID shapes, and the app's own commit
// makes no write (these held at review time).
import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { startInProcessApp } from "./in-process-app.js";
import { pushChanges, repoIssues, writeLines } from "./repo-under-test.js";
import { issueStatePayload, pushPayload } from "./webhook-payloads.js";

const OWNER = "octo";
const REPO = "plans";
let app: ReturnType<typeof startInProcessApp>;
afterEach(async () => {
  await app?.stop();
  expect(app.sim.violations).toEqual([]);
});
const issues = () => repoIssues(app);
const issueOf = (id: string) => issues().find((i) => readMarker(i.body)?.id.toLowerCase() === id.toLowerCase());
const writes = () => writeLines(app);
const creates = () => writes().filter((w) => w === `POST /repos/${app.FULL}/issues`);
const push = (changes: Record<string, string | null>) => pushChanges(app, changes);

async function setIssueState(id: string, state: "closed" | "open") {
  const number = issueOf(id).number;
  await app.sim.handle({
    method: "PATCH",
    url: `/repos/${app.FULL}/issues/${number}`,
    body: JSON.stringify({ state }),
  });
  const payload = issueStatePayload(
    { owner: OWNER, repo: REPO },
    app.sim.issue(app.FULL, number),
    state === "closed" ? "closed" : "reopened",
  );
  app.sim.resetLog();
  await app.receive("issues", payload);
  await app.idle();
}
/** Delivers the push of the app's own last commit; returns the writes it caused. */
async function deliverHead(before: string, files: string[]) {
  const after = app.sim.headSha(app.FULL, "main");
  app.sim.resetLog();
  await app.receive("push", pushPayload({ owner: OWNER, repo: REPO }, { before, after, modified: files, removed: [] }));
  await app.idle();
  return app.sim.writes().map((r) => `${r.method} ${r.path}`);
}

async function closeWritesOneMark(file: string, doc: string, id: string, expected: string) {
  app = startInProcessApp({ owner: OWNER, repo: REPO });
  await push({ [file]: doc });
  expect(issueOf(id)).toBeDefined();
  const before = app.sim.headSha(app.FULL, "main");
  await setIssueState(id, "closed");
  expect(app.sim.readFile(app.FULL, "main", file)).toBe(expected);
  expect(await deliverHead(before, [file])).toEqual([]);
  await setIssueState(id, "open");
  expect(app.sim.readFile(app.FULL, "main", file)).toBe(doc);
}

describe("write-back bytes for the new grammar", () => {
  it("TODO.md tail", async () => {
    const doc =
      "# TODO\n\n- [ ] t010 Evaluate caching #perf #infra → [todo/PLANS.md#caching] ~4h (ai:2h test:1h) logged:2025-12-21\n- [ ] t011 Other thing #perf\n";
    await closeWritesOneMark("TODO.md".replace(/^/, "docs/"), doc, "t010", doc.replace("- [ ] t010", "- [x] t010"));
  });
  it("(T001)", async () => {
    const doc = "# Plan\n\n- [ ] (T001) Setup the repo\n- [ ] (T002) Build it\n";
    await closeWritesOneMark("docs/plan.md", doc, "T001", doc.replace("- [ ] (T001)", "- [x] (T001)"));
  });
  it("zero-width inside id", async () => {
    const doc = "# Plan\n\n- [ ] T0\u200B01 Setup the repo\n- [ ] T002 Build it\n";
    await closeWritesOneMark("docs/plan.md", doc, "T001", doc.replace("- [ ] T0", "- [x] T0"));
  });
  it("CRLF doc", async () => {
    const doc = "# Plan\r\n\r\n- [ ] BE-001 Setup the repo #infra ~2h\r\n- [ ] BE-002 Build it\r\n";
    await closeWritesOneMark("docs/plan.md", doc, "BE-001", doc.replace("- [ ] BE-001", "- [x] BE-001"));
  });
  it("CRLF backlog task file", async () => {
    const doc =
      "---\r\nid: BACK-7\r\ntitle: Export CSV\r\nstatus: To Do\r\nlabels: [data]\r\n---\r\n\r\n## Description\r\n\r\nExport it.\r\n\r\n<!-- AC:BEGIN -->\r\n- [ ] #1 Works\r\n<!-- AC:END -->\r\n";
    await closeWritesOneMark(
      "backlog/tasks/back-7 - Export CSV.md",
      doc,
      "BACK-7",
      doc.replace("status: To Do", "status: Done"),
    );
  });
  it("case change t010 -> T010 keeps the issue", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push({ "docs/TODO.md": "- [ ] t010 Evaluate caching #perf\n- [ ] t011 Other\n" });
    const n = issueOf("t010").number;
    await push({ "docs/TODO.md": "- [ ] T010 Evaluate caching #perf\n- [ ] t011 Other\n" });
    expect(creates()).toEqual([]);
    expect(writes().filter((w) => w.includes("comments"))).toEqual([]);
    expect(issueOf("T010").number).toBe(n);
    expect(issueOf("T010").state).toBe("open");
    expect(issues()).toHaveLength(2);
    await setIssueState("T010", "closed");
    expect(app.sim.readFile(app.FULL, "main", "docs/TODO.md")).toBe(
      "- [x] T010 Evaluate caching #perf\n- [ ] t011 Other\n",
    );
  });
  it("backlog moved and edited in same push", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    const f = (status: string, title: string) => `---\nid: BACK-3\ntitle: ${title}\nstatus: ${status}\n---\n\nBody.\n`;
    await push({
      "backlog/tasks/back-3 - Receipts.md": f("To Do", "Receipts"),
      "backlog/tasks/back-4 - X.md": f("To Do", "X").replace("BACK-3", "BACK-4"),
    });
    const n = issueOf("BACK-3").number;
    await push({
      "backlog/tasks/back-3 - Receipts.md": null,
      "backlog/completed/back-3 - Receipts.md": f("Done", "Send receipts by email"),
    });
    expect(creates()).toEqual([]);
    expect(writes().filter((w) => w.includes("comments"))).toEqual([]);
    expect([
      issueOf("BACK-3").number,
      issueOf("BACK-3").title,
      issueOf("BACK-3").state,
      issueOf("BACK-3").state_reason,
    ]).toEqual([n, "BACK-3: Send receipts by email", "closed", "completed"]);
  });
});
