import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { issueStatePayload } from "./webhook-payloads.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/plans/${name}`, import.meta.url), "utf8");

let app: TestApp | undefined;
checkAfterEach(() => app);

const number = (id: string) => issueOfTask(app!, id).number as number;
const parentTask = (id: string) => {
  const parent = app!.sim.parentOf(FULL, number(id));
  return parent === null ? null : readMarker(app!.sim.issue(FULL, parent)!.body)!.id;
};
const blockers = (id: string) =>
  app!.sim.blockedBy(FULL, number(id)).map((n) => readMarker(app!.sim.issue(FULL, n)!.body)!.id);
const kindsWritten = () => app!.sim.writes().map((w) => w.operationId);

/**
 * The second run of any scenario writes nothing: the last push delivered again, then the same
 * docs pushed in a new commit (which may only report its warnings once on that commit).
 */
async function expectZeroWritesOnRerun(changes: Record<string, string>) {
  app!.sim.resetLog();
  await app!.receive("push", lastPush!);
  expect(app!.sim.writes()).toEqual([]);
  await app!.push(changes);
  expect(kindsWritten().filter((k) => k !== "checks/create")).toEqual([]);
}

let lastPush: unknown;
async function push(changes: Record<string, string>) {
  lastPush = await app!.push(changes);
}

describe("epics and stories", () => {
  it("makes each epic an issue whose sub-issues are its stories, blocked by the epics it names", async () => {
    app = startApp({});
    const doc = fixture("epic-breakdown.md");
    await push({ "docs/epics.md": doc });
    const epic2 = issueOfTask(app, "Epic 2");
    expect(epic2.title).toBe("Epic 2: Core API Framework");
    expect(epic2.labels.map((l: any) => l.name)).toEqual(["plansync", "epic"]);
    expect(epic2.body).toContain("**Duration:** 2-3 weeks");
    expect(epic2.body).toContain("**Dependencies:** Epic 1 in progress");
    expect(readMarker(epic2.body)).toMatchObject({ id: "Epic 2", epic: true, deps: ["Epic 1"] });
    expect(parentTask("BE-201")).toBe("Epic 2");
    expect(parentTask("BE-202")).toBe("Epic 2");
    expect(app.sim.subIssues(FULL, epic2.number)).toEqual([number("BE-201"), number("BE-202")]);
    expect(parentTask("Epic 2")).toBeNull();
    expect(blockers("Epic 1")).toEqual(["Epic 0"]);
    expect(blockers("Epic 2")).toEqual(["Epic 1"]);
    expect(blockers("Epic 0")).toEqual([]);
    await expectZeroWritesOnRerun({ "docs/epics.md": doc });
  });

  it("moves a story to another epic with one request, and unlinks a story that leaves every epic", async () => {
    app = startApp({});
    const doc = fixture("epic-breakdown.md");
    await push({ "docs/epics.md": doc });
    const moved = moveLine(doc, "- **BE-201:**", "### Epic 3");
    await push({ "docs/epics.md": moved });
    expect(parentTask("BE-201")).toBe("Epic 3");
    const links = app.sim.writes().filter((w) => w.operationId === "issues/add-sub-issue");
    expect(links).toHaveLength(1);
    expect(links[0]!.body).toEqual({ sub_issue_id: issueOfTask(app, "BE-201").id, replace_parent: true });
    await expectZeroWritesOnRerun({ "docs/epics.md": moved });

    const unfiled = moveLine(moved, "- **BE-201:**", "## Phase 1");
    await push({ "docs/epics.md": unfiled });
    expect(parentTask("BE-201")).toBeNull();
    expect(kindsWritten()).toContain("issues/remove-sub-issue");
    await expectZeroWritesOnRerun({ "docs/epics.md": unfiled });
  });

  it("puts sub-issues in the doc's order: a reordered epic costs one read and one request per move", async () => {
    app = startApp({});
    const doc = epicPlan({
      "Epic 1: Billing": [
        "- [ ] BIL-1: Invoices",
        "- [ ] BIL-2: Receipts",
        "- [ ] BIL-3: Refunds",
        "- [ ] BIL-4: Credit notes",
      ],
    });
    await push({ "docs/plan.md": doc });
    const epic = number("Epic 1");
    expect(app.sim.subIssues(FULL, epic)).toEqual(["BIL-1", "BIL-2", "BIL-3", "BIL-4"].map(number));
    const reordered = doc
      .replace("- [ ] BIL-4: Credit notes\n", "")
      .replace("- [ ] BIL-1", "- [ ] BIL-4: Credit notes\n- [ ] BIL-1");
    await push({ "docs/plan.md": reordered });
    expect(app.sim.subIssues(FULL, epic)).toEqual(["BIL-4", "BIL-1", "BIL-2", "BIL-3"].map(number));
    expect(app.sim.reads().filter((r) => r.operationId === "issues/list-sub-issues")).toHaveLength(1);
    expect(kindsWritten().filter((k) => k === "issues/reprioritize-sub-issue")).toHaveLength(1);
    await expectZeroWritesOnRerun({ "docs/plan.md": reordered });

    const inserted = reordered.replace("- [ ] BIL-2", "- [ ] BIL-5: Dunning\n- [ ] BIL-2");
    await push({ "docs/plan.md": inserted });
    expect(app.sim.subIssues(FULL, epic)).toEqual(["BIL-4", "BIL-1", "BIL-5", "BIL-2", "BIL-3"].map(number));
    await expectZeroWritesOnRerun({ "docs/plan.md": inserted });
  });

  it("closes an epic when its last story is ticked, and a human closing an epic commits nothing", async () => {
    app = startApp({});
    const doc = epicPlan({
      "Epic 1: Billing": ["- [x] BIL-1: Invoices", "- [ ] BIL-2: Receipts"],
      "Epic 2: Reports": ["- [ ] REP-1: Monthly report"],
    });
    await push({ "docs/plan.md": doc });
    expect(issueOfTask(app, "Epic 1").state).toBe("open");
    const ticked = doc.replace("- [ ] BIL-2", "- [x] BIL-2");
    await push({ "docs/plan.md": ticked });
    expect(issueOfTask(app, "Epic 1").state).toBe("closed");
    await expectZeroWritesOnRerun({ "docs/plan.md": ticked });

    const commits = app.sim.commitMessages(FULL, "main").length;
    await closeOnGitHub(issueOfTask(app, "Epic 2").number);
    expect(app.sim.writes()).toEqual([]);
    expect(app.sim.commitMessages(FULL, "main")).toHaveLength(commits);
    await expectZeroWritesOnRerun({ "docs/plan.md": ticked });
    expect(issueOfTask(app, "Epic 2").state).toBe("closed");
  });

  it("a link already made by someone else when plansync sends it is done, not a failure", async () => {
    app = startApp({});
    const doc = epicPlan({ "Epic 1: Billing": ["- [ ] BIL-1: Invoices", "- [ ] BIL-2: Receipts"] });
    // Between the listing and the link, a person nests BIL-1 under the epic on GitHub.
    app.sim.beforeNext("issues/add-sub-issue", () => app!.sim.linkSubIssue(FULL, number("Epic 1"), number("BIL-1")));
    await push({ "docs/plan.md": doc });
    expect(app.sim.subIssues(FULL, number("Epic 1"))).toEqual([number("BIL-1"), number("BIL-2")]);
    expect(app.sim.checkRuns(FULL).at(-1)!.conclusion).toBe("success");
    await expectZeroWritesOnRerun({ "docs/plan.md": doc });
  });

  it("with hierarchy.epics: label, stories carry their epic's label and no epic issue is made", async () => {
    app = startApp({ ".github/plansync.yml": "hierarchy:\n  epics: label\n" });
    await push({ "docs/epics.md": fixture("epic-breakdown.md") });
    expect(issueOfTask(app, "Epic 2")).toBeUndefined();
    expect(issueOfTask(app, "BE-201").labels.map((l: any) => l.name)).toContain("epic: Core API Framework");
    expect(kindsWritten()).not.toContain("issues/add-sub-issue");
  });
});

describe("nested tasks", () => {
  it("makes Kiro's outline children sub-issues of their parents, and writes nothing the second time", async () => {
    app = startApp({});
    const doc = fixture("kiro.md");
    await push({ "specs/notify/tasks.md": doc });
    expect(parentTask("2.1")).toBe("2");
    expect(parentTask("2.2.1")).toBe("2.2");
    expect(parentTask("3.2")).toBe("3");
    expect(parentTask("1")).toBeNull();
    await expectZeroWritesOnRerun({ "specs/notify/tasks.md": doc });
  });

  it("with hierarchy.subIssues: false, links nothing", async () => {
    app = startApp({ ".github/plansync.yml": "hierarchy:\n  subIssues: false\n" });
    await push({ "specs/notify/tasks.md": fixture("kiro.md") });
    expect(parentTask("2.1")).toBeNull();
    expect(kindsWritten()).not.toContain("issues/add-sub-issue");
  });

  it("links at most 100 sub-issues to a parent, warns on the parent's line, and the sync goes on", async () => {
    app = startApp({});
    const stories = Array.from({ length: 103 }, (_, i) => `- [ ] BIG-${i + 1}: Story ${i + 1}`);
    const doc = epicPlan({ "Epic 1: Everything": stories });
    await push({ "docs/big.md": doc });
    const epic = issueOfTask(app, "Epic 1");
    expect(app.sim.subIssues(FULL, epic.number)).toHaveLength(100);
    expect(issueOfTask(app, "BIG-103")).toBeDefined();
    const run = app.sim.checkRuns(FULL).at(-1)!;
    const warning = run.annotations.find((a) => a.title === "sub-issue")!;
    expect(warning.start_line).toBe(3);
    expect(warning.message).toContain("BIG-101, BIG-102, BIG-103");
    await expectZeroWritesOnRerun({ "docs/big.md": doc });
  }, 30_000);
});

describe("dependencies", () => {
  const PLAN = [
    "# Sprint",
    "",
    "## Tasks",
    "",
    "- [ ] PAY-1: Retry table",
    "- [ ] PAY-2: Retry schedule",
    "  - **Dependencies:** PAY-1",
    "- [ ] PAY-3: Reminder emails",
    "- [ ] PAY-4: Dashboard",
    "",
    "## Notes",
    "",
    "- PAY-2 blocks PAY-3–PAY-4",
    "",
  ].join("\n");

  it("links what the doc names, drops only its own links, and leaves a human's alone", async () => {
    app = startApp({});
    await push({ "docs/sprint.md": PLAN });
    expect(blockers("PAY-2")).toEqual(["PAY-1"]);
    expect(blockers("PAY-3")).toEqual(["PAY-2"]);
    expect(blockers("PAY-4")).toEqual(["PAY-2"]);
    await expectZeroWritesOnRerun({ "docs/sprint.md": PLAN });

    app.sim.addBlockedBy(FULL, number("PAY-4"), number("PAY-1"));
    const edited = PLAN.replace("- PAY-2 blocks PAY-3–PAY-4", "- PAY-2 blocks PAY-3");
    await push({ "docs/sprint.md": edited });
    expect(blockers("PAY-4")).toEqual(["PAY-1"]);
    expect(blockers("PAY-3")).toEqual(["PAY-2"]);
    expect(readMarker(issueOfTask(app, "PAY-4").body)!.deps).toBeUndefined();
    await expectZeroWritesOnRerun({ "docs/sprint.md": edited });
  });

  it("warns about an unknown ID, a self-reference and a cycle, and links the rest", async () => {
    app = startApp({});
    const doc = [
      "# Sprint",
      "",
      "- [ ] OPS-1: One",
      "  - **Dependencies:** OPS-9, OPS-1",
      "- [ ] OPS-2: Two",
      "  - **Dependencies:** OPS-3",
      "- [ ] OPS-3: Three",
      "  - **Dependencies:** OPS-2, OPS-1",
      "",
    ].join("\n");
    await push({ "docs/ops.md": doc });
    const run = app.sim.checkRuns(FULL).at(-1)!;
    const warnings = run.annotations.filter((a) => a.title === "dependency").map((a) => [a.start_line, a.message]);
    expect(warnings).toEqual([
      [3, expect.stringContaining("OPS-9, which is no task")],
      [3, expect.stringContaining("names itself")],
      [7, expect.stringContaining("a cycle")],
    ]);
    expect(blockers("OPS-2")).toEqual(["OPS-3"]);
    expect(blockers("OPS-3")).toEqual(["OPS-1"]);
    expect(run.conclusion).toBe("success");
    await expectZeroWritesOnRerun({ "docs/ops.md": doc });
  });
});

/** `# Plan`, then each epic heading with its stories below it. */
function epicPlan(epics: Record<string, string[]>): string {
  const sections = Object.entries(epics).flatMap(([heading, stories]) => [`### ${heading}`, "", ...stories, ""]);
  return ["# Plan", "", ...sections].join("\n");
}

/** Moves the line starting with `start` (and its indented continuation) to just after the heading `after`. */
function moveLine(doc: string, start: string, after: string): string {
  const lines = doc.split("\n");
  const from = lines.findIndex((l) => l.startsWith(start));
  let end = from + 1;
  while (end < lines.length && (lines[end]!.startsWith("  ") || lines[end] === "")) end++;
  const block = lines.splice(from, end - from);
  const at = lines.findIndex((l) => l.startsWith(after));
  lines.splice(at + 1, 0, "", ...block);
  return lines.join("\n");
}

/** A person closes the issue on GitHub; the webhook follows. */
async function closeOnGitHub(issueNumber: number) {
  await app!.sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${issueNumber}`,
    body: JSON.stringify({ state: "closed" }),
  });
  const payload = issueStatePayload({ owner: OWNER, repo: REPO }, app!.sim.issue(FULL, issueNumber), "closed");
  app!.sim.resetLog();
  await app!.receive("issues", payload);
}
