import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * One write per created issue: GraphQL `createIssue` makes a story already under its epic, with
 * its labels, so a first sync pays no add-sub-issue and no reorder, and a second pays nothing.
 */

const EPICS = readFileSync(new URL("../../fixtures/plans/epic-breakdown.md", import.meta.url), "utf8");
const PATH = "docs/epics.md";

let app: TestApp | undefined;
checkAfterEach(() => app);

const count = (ids: (string | null)[]) => {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id ?? "?"] = (counts[id ?? "?"] ?? 0) + 1;
  return counts;
};
const writes = () => count(app!.sim.writes().map((w) => w.operationId));
const taskOf = (number: number) => readMarker(app!.sim.issue(FULL, number)!.body)!.id;
/** Each epic's sub-issues, by task ID, in GitHub's order. */
const hierarchy = () =>
  Object.fromEntries(
    ["Epic 0", "Epic 1", "Epic 2", "Epic 3", "Epic 4"].map((epic) => [
      epic,
      app!.sim.subIssues(FULL, issueOfTask(app!, epic).number).map(taskOf),
    ]),
  );
const DOC_ORDER = {
  "Epic 0": ["BE-001", "BE-002", "BE-003"],
  "Epic 1": ["BE-101", "BE-102"],
  "Epic 2": ["BE-201", "BE-202"],
  "Epic 3": ["BE-301", "BE-302", "BE-303"],
  "Epic 4": ["BE-401", "BE-402"],
};

describe("creating issues through GraphQL", () => {
  it("makes the epic-breakdown fixture with one write per issue, in the doc's order, and nothing on redelivery", async () => {
    app = startApp({});
    const payload = await app.push({ [PATH]: EPICS });
    expect(writes()).toEqual({
      "graphql:mutation:createIssue": 17,
      "issues/add-blocked-by-dependency": 4,
      "issues/create-label": 2,
      "checks/create": 1,
      "checks/update": 1,
    });
    expect(hierarchy()).toEqual(DOC_ORDER);
    // The check run still says where each story went.
    const report = app.sim.checkRuns(FULL).at(-1)!.output.text;
    const be201 = issueOfTask(app, "BE-201").number;
    expect(report).toContain(
      `| BE-201 | [#${be201}](https://github.com/${FULL}/issues/${be201}) | created, sub-issue of Epic 2 (docs/epics.md) | done |`,
    );
    // The names the creates use are resolved by one query for the whole sync.
    const queries = app.sim.reads().filter((r) => r.operationId?.startsWith("graphql:"));
    expect(queries.map((q) => q.operationId)).toEqual(["graphql:query:repository"]);
    const story = issueOfTask(app, "BE-302");
    expect(story.labels.map((l: { name: string }) => l.name)).toEqual(["plansync"]);
    expect(story.title).toBe("BE-302: Invoice Lifecycle");

    app.sim.resetLog();
    await app.receive("push", payload);
    expect(app.sim.writes()).toEqual([]);
    await app.push({ [PATH]: `${EPICS}\n` });
    expect(app.sim.writes().filter((w) => !w.operationId?.startsWith("checks/"))).toEqual([]);
  });

  it("creates a story added to an existing epic under it, and puts one inserted mid-epic in place", async () => {
    app = startApp({});
    await app.push({ [PATH]: EPICS });
    const added = EPICS.replace("- **BE-202:**", "- **BE-204:** Rate limits\n\n- **BE-202:**");
    await app.push({ [PATH]: added });
    expect(writes()).toMatchObject({ "graphql:mutation:createIssue": 1, "issues/reprioritize-sub-issue": 1 });
    expect(writes()["issues/add-sub-issue"]).toBeUndefined();
    expect(hierarchy()["Epic 2"]).toEqual(["BE-201", "BE-204", "BE-202"]);
  });

  it("makes no second issue when GraphQL's answer to a create that went through is lost", async () => {
    app = startApp({});
    app.sim.failNext({ method: "POST", pathIncludes: "/graphql", status: 502, applied: true, after: 5 });
    await app.push({ [PATH]: EPICS });
    const issues = app.sim.issues(FULL).map((i) => readMarker(i.body)!.id);
    expect(issues).toHaveLength(17);
    expect(new Set(issues).size).toBe(17);
    expect(hierarchy()).toEqual(DOC_ORDER);
    // The lost answer was looked for by marker, found, and not sent again.
    const creates = app.sim.requests.filter((r) => r.operationId === "graphql:mutation:createIssue");
    expect(creates.map((r) => r.status).filter((s) => s !== 200)).toEqual([502]);
    expect(creates).toHaveLength(17);
    expect(writes()["issues/add-sub-issue"]).toBeUndefined();
  });

  it("pauses at GitHub's secondary limit on a GraphQL create, and resumes by itself without duplicates", async () => {
    app = startApp({});
    const limit = {
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      documentation_url: "https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api",
    };
    // The node id query, four creates, then the fifth create is refused for the limit.
    const after = 5;
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/graphql",
      status: 403,
      body: limit,
      headers: { "retry-after": "1" },
      after,
    });
    await app.push({ [PATH]: EPICS }); // waits for the resumed run too
    const [paused, resumed] = app.sim.checkRuns(FULL);
    expect(paused).toMatchObject({ conclusion: "neutral" });
    expect(paused!.output.summary).toContain("plansync resumes it by itself in about 1 s");
    expect(resumed).toMatchObject({ conclusion: "success" });
    const ids = app.sim.issues(FULL).map((i) => readMarker(i.body)!.id);
    expect(new Set(ids).size).toBe(17);
    expect(ids).toHaveLength(17);
    expect(hierarchy()).toEqual(DOC_ORDER);
    expect(writes()["issues/create"]).toBeUndefined();
  });

  it("creates through REST, which takes label names, when a label is deleted between the plan and the create", async () => {
    app = startApp({});
    await app.push({ [PATH]: "# Plan\n\n- [ ] A-1: First\n" });
    // The plan creates `priority: P1` first (its node id comes back), then a person deletes it.
    app.sim.beforeNext("graphql:mutation:createIssue", () => deleteLabel(app!, "priority: P1"));
    await app.push({ [PATH]: "# Plan\n\n- [ ] A-1: First\n  - [ ] P1 A-2: Second\n" });
    const graphql = app.sim.requests.filter((r) => r.operationId === "graphql:mutation:createIssue");
    expect(graphql.map((r) => (r.body as any).variables.input.labelIds.length)).toEqual([2]);
    expect(writes()).toMatchObject({
      "issues/create-label": 1,
      "graphql:mutation:createIssue": 1,
      "issues/create": 1,
      "issues/add-sub-issue": 1,
    });
    const second = issueOfTask(app, "A-2");
    expect(second.labels.map((l: { name: string }) => l.name).sort()).toEqual(["plansync", "priority: P1"]);
    expect(app.sim.parentOf(FULL, second.number)).toBe(issueOfTask(app, "A-1").number);
    expect(app.sim.issues(FULL)).toHaveLength(2);
  });

  it("creates through REST when a label the plan saw is gone before its node id is asked for", async () => {
    app = startApp({});
    await app.push({ [PATH]: "# Plan\n\n- [ ] P1 A-1: First\n" });
    app.sim.beforeNext("graphql:query:repository", () => deleteLabel(app!, "priority: P1"));
    await app.push({ [PATH]: "# Plan\n\n- [ ] P1 A-1: First\n  - [ ] P1 A-2: Second\n" });
    expect(writes()).toMatchObject({ "issues/create": 1, "issues/add-sub-issue": 1 });
    expect(writes()["graphql:mutation:createIssue"]).toBeUndefined();
    const second = issueOfTask(app, "A-2");
    expect(second.labels.map((l: { name: string }) => l.name).sort()).toEqual(["plansync", "priority: P1"]);
    expect(app.sim.parentOf(FULL, issueOfTask(app, "A-2").number)).toBe(issueOfTask(app, "A-1").number);
  });
});

/**
 * A person deletes a label in GitHub's UI: it leaves the repository and every issue. The
 * simulator has no `DELETE /repos/{o}/{r}/labels/{name}` route, so its state is edited directly.
 */
function deleteLabel(app: TestApp, name: string): void {
  type Repo = { labels: { id: number; name: string }[]; issues: Map<number, { labelIds: number[] }> };
  const repo = (app.sim as unknown as { state: { requireRepo(name: string): Repo } }).state.requireRepo(FULL);
  const label = repo.labels.find((l) => l.name === name)!;
  repo.labels.splice(repo.labels.indexOf(label), 1);
  for (const issue of repo.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
}
