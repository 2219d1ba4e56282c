import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * A sync cut off at any one write of a doc change that reaches the board: each card mutation and
 * each issue PATCH fails in turn, once as GitHub's 502 with nothing done and once as a 502 after
 * GitHub did it. The re-sync (a later push) must leave the card equal to the doc, the doc as its
 * author left it (no write-back of a stale board Status), one card per issue, and then nothing to do.
 */

const URL = "https://github.com/orgs/acme/projects/7";
const BOARD = { owner: "orgs/acme", number: 7 };
const PATH = "docs/plan.md";
const FIELDS = [
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] },
  { name: "Priority", dataType: "SINGLE_SELECT" as const, options: ["High", "Medium", "Low"] },
];
const STATUS: Record<string, string> = { " ": "Todo", x: "Done", "~": "In Progress" };

interface Task {
  box: string;
  priority: string;
}
type Plan = Record<"T001" | "T002" | "T003", Task>;

const START: Plan = {
  T001: { box: " ", priority: "High" },
  T002: { box: " ", priority: "Low" },
  T003: { box: "x", priority: "Medium" },
};

const render = (plan: Plan) =>
  `# Plan\n\n${Object.entries(plan)
    .map(([id, t]) => `- [${t.box}] ${id}: Task ${id}\n  - **Priority:** ${t.priority}\n`)
    .join("")}`;

const SCENARIOS: Record<string, Plan> = {
  "a priority change": { ...START, T001: { box: " ", priority: "Medium" } },
  "a tick": { ...START, T001: { box: "x", priority: "High" } },
  "an untick": { ...START, T003: { box: " ", priority: "Medium" } },
  "a task in progress": { ...START, T002: { box: "~", priority: "Low" } },
};

/** The writes a cut can fall on, by the sim's operation id. */
const CUTS = [
  "graphql:mutation:addProjectV2ItemById",
  "graphql:mutation:updateProjectV2ItemFieldValue",
  "graphql:mutation:clearProjectV2ItemFieldValue",
  "issues/update",
];

let app: TestApp | undefined;
checkAfterEach(() => app, { jobErrors: true });

async function started(): Promise<TestApp> {
  app?.stop();
  app = startApp({ ".github/plansync.yml": `project: ${URL}\n` });
  app.sim.createProject(BOARD.owner, { number: BOARD.number, fields: FIELDS });
  await app.push({ [PATH]: render(START) });
  expect(app.errors).toEqual([]);
  return app;
}

/** The writes a clean sync of `plan` makes that a cut can fall on. */
async function cutPoints(plan: Plan): Promise<number> {
  const app = await started();
  await app.push({ [PATH]: render(plan) });
  return app.sim.writes().filter((w) => CUTS.includes(w.operationId ?? "")).length;
}

/** The `nth` (from 0) write a cut can fall on fails with a 502; with `applied`, after GitHub did it. */
function cutAt(app: TestApp, nth: number, applied: boolean): void {
  let seen = 0;
  const watch = (id: string) =>
    app.sim.beforeNext(id, () => {
      if (seen++ !== nth) return watch(id);
      // More 502s than octokit retries a PATCH; a mutation is never retried.
      if (id === "issues/update")
        app.sim.failNext({ method: "PATCH", pathIncludes: "/issues/", status: 502, times: 4, applied });
      else app.sim.failNext({ pathIncludes: "/graphql", status: 502, applied });
    });
  CUTS.forEach(watch);
}

function expectInStep(app: TestApp, plan: Plan, doc: string, where: string): void {
  expect(app.sim.readFile(FULL, "main", PATH), where).toBe(doc);
  const cards = app.sim.projectItems(BOARD.owner, BOARD.number);
  expect(app.sim.issues(FULL), where).toHaveLength(3);
  expect(cards.size, where).toBe(3);
  for (const [id, task] of Object.entries(plan)) {
    const issue = issueOfTask(app, id);
    expect(issue.state, `${where}: ${id}`).toBe(task.box === "x" ? "closed" : "open");
    expect(cards.get(issue.number)?.values, `${where}: ${id}`).toEqual({
      Status: STATUS[task.box],
      Priority: task.priority,
    });
  }
}

describe("board: a sync cut off at any write heals on the next sync", () => {
  for (const [name, plan] of Object.entries(SCENARIOS))
    it(`after ${name}`, async () => {
      const points = await cutPoints(plan);
      expect(points).toBeGreaterThanOrEqual(2); // at least the card write and the issue's marker
      for (let nth = 0; nth < points; nth++)
        for (const applied of [false, true]) {
          const where = `${name}, write ${nth + 1} of ${points}${applied ? " (done, answer lost)" : ""}`;
          const app = await started();
          cutAt(app, nth, applied);
          await app.push({ [PATH]: render(plan) });
          expect(app.errors.length, where).toBeGreaterThan(0);
          app.sim.clearFaults();
          app.errors.length = 0;
          // Nobody touched the board: the next push finishes the job.
          const doc = `${render(plan)}\n`;
          await app.push({ [PATH]: doc });
          expect(app.errors, where).toEqual([]);
          expectInStep(app, plan, doc, where);
          await app.push({ [PATH]: `${doc}\n` });
          expect(
            app.sim.writes().map((w) => w.operationId),
            where,
          ).toEqual([]);
          expect(app.sim.violations, where).toEqual([]);
        }
    });
});

describe("board: a card write GitHub refuses while the sync goes on", () => {
  it("leaves the marker's board record as it was, so the next sync writes the card", async () => {
    const app = await started();
    const plan = { ...START, T001: { box: "x", priority: "Medium" } };
    // GitHub refuses the first field write (an option deleted meanwhile): a refusal, not a stop.
    app.sim.beforeNext("graphql:mutation:updateProjectV2ItemFieldValue", () =>
      app.sim.failNext({
        pathIncludes: "/graphql",
        status: 200,
        body: {
          data: { updateProjectV2ItemFieldValue: null },
          errors: [
            {
              type: "UNPROCESSABLE",
              path: ["updateProjectV2ItemFieldValue"],
              message: "The single select option Id does not belong to the field",
              locations: [{ line: 2, column: 3 }],
            },
          ],
        },
      }),
    );
    await app.push({ [PATH]: render(plan) });
    expect(app.errors).toEqual([]);
    const issue = issueOfTask(app, "T001");
    // The issue took the doc's change; its marker still records the card as last agreed.
    expect(issue.state).toBe("closed");
    expect(readMarker(issue.body)!.board).toEqual({ p: "orgs/acme/7", f: { status: "todo", priority: "High" } });
    const doc = `${render(plan)}\n`;
    await app.push({ [PATH]: doc });
    expectInStep(app, plan, doc, "after the refusal");
    expect(readMarker(issueOfTask(app, "T001").body)!.board).toEqual({
      p: "orgs/acme/7",
      f: { status: "done", priority: "Medium" },
    });
    await app.push({ [PATH]: `${doc}\n` });
    expect(app.sim.writes()).toEqual([]);
  });
});
