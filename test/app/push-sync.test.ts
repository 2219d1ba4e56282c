import { isLocalId } from "../../src/sync/task-scope.js";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/plans/${name}`, import.meta.url), "utf8");
const target = { owner: OWNER, repo: REPO };

let app: ReturnType<typeof startApp>;
afterEach(() => {
  app?.stop();
  expect(app.sim.violations).toEqual([]);
  expect(app.errors).toEqual([]);
});

const push = (...args: Parameters<ReturnType<typeof startApp>["push"]>) => app.push(...args);
const issues = () => app.sim.issues(FULL) as any[];
const byTask = () => new Map(issues().map((i) => [readMarker(i.body)!.id, i]));

describe("first sync of a pushed plan", () => {
  it("creates one issue per task, with labels and milestone in the create request", async () => {
    app = startApp({ "README.md": "# Ledgerly\n" });
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    await push({ "docs/task-list.md": fixture("task-list.md") });
    const created = issues();
    expect(created).toHaveLength(10);
    const be004 = byTask().get("BE-004");
    expect(be004.title).toMatch(/^BE-004: /);
    expect(be004.labels.map((l: any) => l.name).sort()).toEqual(["plansync", "points: 4", "priority: high"].sort());
    const creates = app.sim.requests.filter((r) => r.method === "POST" && r.path.endsWith("/issues"));
    expect(creates).toHaveLength(10);
    expect(creates.every((r) => Array.isArray((r.body as any).labels))).toBe(true);
  });

  it("creates the milestone first and sets it on each issue", async () => {
    app = startApp({});
    await push({ "docs/milestone.md": fixture("milestone.md") });
    const [milestone] = app.sim.milestones(FULL) as any[];
    expect(milestone.title).toBe("Backend: billing - M2.3 - Invoice PDF export");
    expect(issues().every((i) => i.milestone?.number === milestone.number)).toBe(true);
  });

  it("closes issues of tasks already ticked", async () => {
    app = startApp({});
    await push({ "docs/milestone.md": fixture("milestone.md") });
    const closed = issues()
      .filter((i) => i.state === "closed")
      .map((i) => readMarker(i.body)!.id)
      .sort();
    const ticked = fixture("milestone.md")
      .match(/^- \[[xX]\] (BIL-\d+)/gm)!
      .map((l) => l.slice(6))
      .sort();
    expect(closed).toEqual(ticked);
    expect(
      issues()
        .filter((i) => i.state === "closed")
        .every((i) => readMarker(i.body)!.state === "closed"),
    ).toBe(true);
  });

  it("posts a check run on the pushed commit with counts", async () => {
    app = startApp({});
    const payload = await push({ "docs/task-list.md": fixture("task-list.md") });
    const [run] = app.sim.checkRuns(FULL);
    expect(run).toMatchObject({ name: "plansync", headSha: payload.after, conclusion: "success" });
    expect(run!.output.summary).toContain("created: 10");
  });
});

describe("idempotence", () => {
  it("makes zero writes when the same push is delivered again", async () => {
    app = startApp({});
    const payload = await push({ "docs/task-list.md": fixture("task-list.md") });
    app.sim.resetLog();
    await app.receive("push", payload);
    expect(app.sim.writes()).toEqual([]);
  });

  it("costs no API call for a push that touches no markdown", async () => {
    app = startApp({});
    await push({ "src/index.ts": "export {};\n" });
    expect(app.sim.requests).toEqual([]);
  });

  it("ignores a push to another branch", async () => {
    app = startApp({});
    await push({ "docs/task-list.md": fixture("task-list.md") }, { ref: "refs/heads/feature" });
    expect(app.sim.writes()).toEqual([]);
    expect(issues()).toEqual([]);
  });
});

describe("first sync of every fixture plan", () => {
  const plans = [
    "milestone.md",
    "technical-spec.md",
    "backend-spec.md",
    "epic-breakdown.md",
    "task-list.md",
    "tasks.md",
  ];
  it.each(plans)("%s: one issue per task, in the state of its box, with the doc's milestone", async (name) => {
    app = startApp({});
    const source = fixture(name);
    const plan = parsePlan(source);
    await push({ [`docs/${name}`]: source });
    const byId = byTask();
    // Epic headings with stories get issues of their own (hierarchy.test.ts).
    const epics = plan.epics.filter((e) => plan.tasks.some((t) => t.epic === e.id)).map((e) => e.id);
    expect([...byId.keys()].sort()).toEqual([...plan.tasks.map((t) => t.id), ...epics].sort());
    for (const task of plan.tasks) {
      const issue = byId.get(task.id);
      expect(issue.state).toBe(task.checked ? "closed" : "open");
      // T numbers are unique in their folder, so their titles name it (task-scope.ts).
      expect(issue.title).toBe(isLocalId(task.id) ? `${task.id} (docs): ${task.title}` : `${task.id}: ${task.title}`);
      expect(issue.milestone?.title ?? null).toBe(plan.milestone?.title ?? null);
      expect(issue.body).toContain(`https://github.com/${FULL}/blob/`);
      expect(issue.body).toContain(`docs/${name}#L${task.line}`);
    }
    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(target, { before: "0".repeat(40), after: app.sim.headSha(FULL, "main"), modified: [`docs/${name}`] }),
    );
    expect(app.sim.writes()).toEqual([]);
  });
});
