import { Octokit as RestOctokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GraphqlClient } from "../../src/github/graphql-client.js";
import { readBoard, readCard } from "../../src/github/read-board.js";
import { writePolicy } from "../../src/github/write-policy.js";
import type { GitHubSim } from "../sim/github-sim.js";
import { REPO, call, newSim } from "../sim/sim-test-helpers.js";

/**
 * Reading boards: one query per project, the cards 100 issues a query, only the projects named,
 * and every problem (no permission, no project) a BoardProblem, never an exception.
 */

const URL = "https://github.com/orgs/acme/projects/7";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const TestOctokit = RestOctokit.plugin(writePolicy);

let sim: GitHubSim;
let stopNock: () => void;
let graphql: GraphqlClient;

beforeEach(() => {
  sim = newSim();
  stopNock = sim.interceptWithNock();
  graphql = new TestOctokit({ auth: "ghs_test", log: quiet }).graphql;
});
afterEach(() => {
  stopNock();
  expect(sim.violations).toEqual([]);
});

const FIELDS = [
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "Done"] },
  { name: "Estimate", dataType: "NUMBER" as const },
  {
    name: "Iteration",
    dataType: "ITERATION" as const,
    iterations: [
      { title: "Sprint 1", startDate: "2026-02-16", completed: true },
      { title: "Sprint 2", startDate: "2026-03-02" },
    ],
  },
];

async function issues(count: number) {
  const made: { number: number; nodeId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const issue = (await call(sim, "POST", `/repos/${REPO}/issues`, { title: `Task ${i}` })).body;
    made.push({ number: issue.number, nodeId: issue.node_id });
  }
  return made;
}

const queries = () => sim.requests.map((r) => r.operationId);

describe("readBoard", () => {
  it("asks nothing when no project is named", async () => {
    const listed = await issues(2);
    sim.resetLog();
    const state = await readBoard(graphql, [], listed);
    expect(state).toEqual({ projects: new Map(), items: new Map(), problems: [] });
    expect(sim.requests).toEqual([]);
  });

  it("reads the project's fields once however it is spelled, and each issue's card on it", async () => {
    const board = sim.createProject("orgs/acme", { number: 7, fields: FIELDS });
    sim.createProject("orgs/acme", { number: 8, fields: FIELDS });
    const listed = await issues(3);
    sim.setProjectField(
      { owner: "orgs/acme", number: 7 },
      { ownerRepo: REPO, number: listed[0]!.number },
      "Status",
      "Done",
    );
    sim.setProjectField(
      { owner: "orgs/acme", number: 7 },
      { ownerRepo: REPO, number: listed[0]!.number },
      "Estimate",
      3,
    );
    sim.setProjectField(
      { owner: "orgs/acme", number: 8 },
      { ownerRepo: REPO, number: listed[1]!.number },
      "Status",
      "Todo",
    );
    sim.resetLog();

    const state = await readBoard(graphql, [URL, "https://github.com/orgs/ACME/projects/7/"], listed);
    expect(queries()).toEqual(["graphql:query:organization", "graphql:query:nodes"]);
    expect(state.problems).toEqual([]);
    const project = state.projects.get("orgs/acme/7")!;
    expect(project).toMatchObject({ key: "orgs/acme/7", url: URL, id: board.id });
    const status = project.fields.find((f) => f.name === "Status")!;
    expect(status).toEqual({
      id: board.fields.Status,
      name: "Status",
      dataType: "SINGLE_SELECT",
      options: [
        { id: expect.any(String), name: "Todo" },
        { id: expect.any(String), name: "Done" },
      ],
    });
    expect(project.fields.find((f) => f.name === "Iteration")!.iterations!.map((i) => i.title)).toEqual([
      "Sprint 2",
      "Sprint 1",
    ]);
    // Only the card on project 7; the issue on project 8 alone and the one on none have no card here.
    const cards = state.items.get("orgs/acme/7")!;
    expect([...cards.keys()]).toEqual([listed[0]!.number]);
    expect(cards.get(listed[0]!.number)!.values).toEqual({
      [board.fields.Title!]: { text: "Task 0" },
      [board.fields.Status!]: { singleSelectOptionId: status.options![1]!.id },
      [board.fields.Estimate!]: { number: 3 },
    });
  });

  it("asks for cards 100 issues at a time", async () => {
    sim.createProject("orgs/acme", { number: 7, fields: FIELDS });
    const listed = await issues(101);
    sim.resetLog();
    await readBoard(graphql, [URL], listed);
    expect(queries()).toEqual(["graphql:query:organization", "graphql:query:nodes", "graphql:query:nodes"]);
    const batches = sim.requests.slice(1).map((r) => (r.body as { variables: { ids: string[] } }).variables.ids.length);
    expect(batches).toEqual([100, 1]);
  });

  it("turns a missing project and a missing permission into problems, and reads no card then", async () => {
    const listed = await issues(1);
    sim.resetLog();
    const missing = await readBoard(graphql, [URL], listed);
    expect(missing.problems).toEqual([
      { key: "orgs/acme/7", url: URL, reason: "missing", message: `${URL} was not found.` },
    ]);
    expect(missing.projects.size).toBe(0);
    sim.createProject("orgs/acme", { number: 7, fields: FIELDS });
    sim.forbidProjects();
    sim.resetLog();
    const forbidden = await readBoard(graphql, [URL], listed);
    expect(forbidden.problems).toEqual([
      { key: "orgs/acme/7", url: URL, reason: "forbidden", message: `plansync cannot reach ${URL}.` },
    ]);
    expect(queries()).toEqual(["graphql:query:organization"]);
  });

  it("keeps the cards of the other issues when one was deleted", async () => {
    sim.createProject("orgs/acme", { number: 7, fields: FIELDS });
    const listed = await issues(1);
    sim.setProjectField(
      { owner: "orgs/acme", number: 7 },
      { ownerRepo: REPO, number: listed[0]!.number },
      "Estimate",
      2,
    );
    const state = await readBoard(graphql, [URL], [{ number: 99, nodeId: "I_kwDOOTk5OTk5OTk5" }, ...listed]);
    expect([...state.items.get("orgs/acme/7")!.keys()]).toEqual([listed[0]!.number]);
  });
});

describe("readBoard on a busy board", () => {
  it("pages a card's values past the first 100, so no value reads as empty", async () => {
    const many = Array.from({ length: 105 }, (_, i) => ({ name: `Team ${i + 1}`, dataType: "NUMBER" as const }));
    const board = sim.createProject("orgs/acme", { number: 7, fields: [...many, ...FIELDS] });
    const [issue] = await issues(1);
    const target = { ownerRepo: REPO, number: issue!.number };
    for (const field of many) sim.setProjectField({ owner: "orgs/acme", number: 7 }, target, field.name, 1);
    sim.setProjectField({ owner: "orgs/acme", number: 7 }, target, "Estimate", 8);
    sim.resetLog();
    const state = await readBoard(graphql, [URL], [issue!]);
    expect(state.problems).toEqual([]);
    const values = state.items.get("orgs/acme/7")!.get(issue!.number)!.values;
    expect(values[board.fields.Estimate!]).toEqual({ number: 8 });
    expect(Object.keys(values)).toHaveLength(107); // Title, 105 team fields, Estimate
    expect(queries()).toEqual(["graphql:query:organization", "graphql:query:nodes", "graphql:query:node"]);
  });

  it("pages an issue's cards past the first 20, so a card on a later project is found", async () => {
    const [issue] = await issues(1);
    for (let number = 1; number <= 25; number++) {
      sim.createProject("orgs/acme", { number, fields: FIELDS });
      sim.setProjectField(
        { owner: "orgs/acme", number },
        { ownerRepo: REPO, number: issue!.number },
        "Estimate",
        number,
      );
    }
    const url = "https://github.com/orgs/acme/projects/25";
    const state = await readBoard(graphql, [url], [issue!]);
    const fields = state.projects.get("orgs/acme/25")!.fields;
    const estimate = fields.find((f) => f.name === "Estimate")!.id;
    expect(state.items.get("orgs/acme/25")!.get(issue!.number)!.values[estimate]).toEqual({ number: 25 });
    // readCard, for one issue's board event, pages the same way.
    expect(await readCard(graphql, url, issue!.nodeId)).toMatchObject({
      item: { values: { [estimate]: { number: 25 } } },
    });
  });

  it("leaves the board unread when a later page of values fails: a card is never taken for empty", async () => {
    const many = Array.from({ length: 105 }, (_, i) => ({ name: `Team ${i + 1}`, dataType: "NUMBER" as const }));
    sim.createProject("orgs/acme", { number: 7, fields: [...many, ...FIELDS] });
    const [issue] = await issues(1);
    const target = { ownerRepo: REPO, number: issue!.number };
    for (const field of many) sim.setProjectField({ owner: "orgs/acme", number: 7 }, target, field.name, 1);
    sim.beforeNext("graphql:query:node", () => sim.failNext({ pathIncludes: "/graphql", status: 502, times: 10 }));
    const state = await readBoard(graphql, [URL], [issue!]);
    expect(state.projects.size).toBe(0);
    expect(state.items.size).toBe(0);
    expect(state.problems.map((p) => [p.key, p.reason])).toEqual([["orgs/acme/7", "unsupported"]]);
  });
});

describe("readCard", () => {
  it("reads one issue's card on one project, or null when it is not on it", async () => {
    const board = sim.createProject("orgs/acme", { number: 7, fields: FIELDS });
    const [on, off] = await issues(2);
    sim.setProjectField({ owner: "orgs/acme", number: 7 }, { ownerRepo: REPO, number: on!.number }, "Estimate", 5);
    const read = await readCard(graphql, URL, on!.nodeId);
    expect(read).toMatchObject({
      project: { id: board.id },
      item: { values: { [board.fields.Estimate!]: { number: 5 } } },
    });
    expect(await readCard(graphql, URL, off!.nodeId)).toMatchObject({ project: { id: board.id }, item: null });
  });
});
