import { Octokit as RestOctokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyOperations } from "../../src/github/apply-operations.js";
import type { Octokit } from "../../src/github/octokit.js";
import { MemoryWriteBudget } from "../../src/github/write-budget.js";
import { writeBudget } from "../../src/github/write-budget-plugin.js";
import { writePolicy } from "../../src/github/write-policy.js";
import type { BoardState } from "../../src/sync/board-types.js";
import type { Operation, RemoteIssue } from "../../src/sync/sync-types.js";
import type { GitHubSim } from "../sim/github-sim.js";
import { REPO, call, newSim } from "../sim/sim-test-helpers.js";

/**
 * Board operations through applyOperations: one mutation each, counted by the write budget under
 * the repository, one at a time; a refused one is reported and the rest go on.
 */

const repo = { owner: "octo", repo: "plans" };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const BudgetOctokit = RestOctokit.plugin(writePolicy, writeBudget);
const OWNER = { owner: "orgs/acme", number: 7 };

let sim: GitHubSim;
let stopNock: () => void;
const counted: string[] = [];

beforeEach(() => {
  sim = newSim();
  stopNock = sim.interceptWithNock();
  counted.length = 0;
});
afterEach(() => {
  stopNock();
  expect(sim.violations).toEqual([]);
});

function client(): Octokit {
  const budget = new MemoryWriteBudget();
  const spy = {
    reserve: (installation: string, repository: string, now: number, chunk?: number) => {
      counted.push(repository);
      return budget.reserve(installation, repository, now, chunk);
    },
  };
  return new BudgetOctokit({
    auth: "ghs_test",
    log: quiet,
    writeBudget: { budget: spy, installation: "1" },
  }) as unknown as Octokit;
}

const remoteIssue = (number: number, nodeId: string) => ({ number, nodeId }) as unknown as RemoteIssue;

describe("applying board operations", () => {
  it("adds the card, then sets its field on the item the add returned, each counted under the repository", async () => {
    const board = sim.createProject("orgs/acme", {
      number: 7,
      fields: [{ name: "Estimate", dataType: "NUMBER" }],
    });
    const issue = (await call(sim, "POST", `/repos/${REPO}/issues`, { title: "One" })).body;
    sim.resetLog();
    const base = { issue: { number: issue.number }, taskId: "T001", project: "orgs/acme/7", projectId: board.id };
    const operations: Operation[] = [
      { kind: "add-project-item", ...base },
      { kind: "set-project-field", ...base, fieldId: board.fields.Estimate!, field: "Estimate", value: { number: 3 } },
    ];
    const result = await applyOperations(client(), repo, operations, {
      milestones: [],
      issues: [remoteIssue(issue.number, issue.node_id)],
    });
    expect(result.refused).toEqual([]);
    expect(result.applied.map((a) => a.number)).toEqual([issue.number, issue.number]);
    expect(sim.projectItem(OWNER.owner, OWNER.number, issue.number)!.values).toEqual({ Estimate: 3 });
    expect(sim.writes().map((w) => w.operationId)).toEqual([
      "graphql:mutation:addProjectV2ItemById",
      "graphql:mutation:updateProjectV2ItemFieldValue",
    ]);
    expect(counted).toEqual(["octo/plans", "octo/plans"]);
  });

  it("sets and clears on the card the read found, and reports a refused write while the rest go on", async () => {
    const board = sim.createProject("orgs/acme", {
      number: 7,
      fields: [
        { name: "Estimate", dataType: "NUMBER" },
        { name: "Target", dataType: "DATE" },
      ],
    });
    const issue = (await call(sim, "POST", `/repos/${REPO}/issues`, { title: "One" })).body;
    sim.setProjectField(OWNER, { ownerRepo: REPO, number: issue.number }, "Target", "2026-12-01");
    const itemId = sim.projectItem(OWNER.owner, OWNER.number, issue.number)!.itemId;
    const read: BoardState = {
      projects: new Map(),
      items: new Map([["orgs/acme/7", new Map([[issue.number, { itemId, values: {} }]])]]),
      problems: [],
    };
    sim.resetLog();
    const base = { issue: { number: issue.number }, taskId: "T001", project: "orgs/acme/7", projectId: board.id };
    const operations: Operation[] = [
      { kind: "set-project-field", ...base, fieldId: board.fields.Estimate!, field: "Estimate", value: { date: "x" } },
      { kind: "set-project-field", ...base, fieldId: board.fields.Target!, field: "Target", value: null },
      { kind: "set-project-field", ...base, fieldId: board.fields.Estimate!, field: "Estimate", value: { number: 2 } },
    ];
    const result = await applyOperations(client(), repo, operations, {
      milestones: [],
      issues: [remoteIssue(issue.number, issue.node_id)],
      board: read,
    });
    expect(result.failure).toBeUndefined();
    expect(result.refused.map((r) => r.op)).toEqual([operations[0]]);
    expect(result.applied.map((a) => a.op)).toEqual([operations[1], operations[2]]);
    expect(sim.projectItem(OWNER.owner, OWNER.number, issue.number)!.values).toEqual({ Estimate: 2 });
  });

  it("skips a field write whose card is not on the board, and reports it", async () => {
    const board = sim.createProject("orgs/acme", { number: 7, fields: [{ name: "Estimate", dataType: "NUMBER" }] });
    const issue = (await call(sim, "POST", `/repos/${REPO}/issues`, { title: "One" })).body;
    sim.resetLog();
    const op: Operation = {
      kind: "set-project-field",
      issue: { number: issue.number },
      taskId: "T001",
      project: "orgs/acme/7",
      projectId: board.id,
      fieldId: board.fields.Estimate!,
      field: "Estimate",
      value: { number: 1 },
    };
    const result = await applyOperations(client(), repo, [op], {
      milestones: [],
      issues: [remoteIssue(issue.number, issue.node_id)],
    });
    expect(result.refused).toEqual([
      { op, message: `issue #${issue.number} is not on the board yet, so its field waits for the next sync` },
    ]);
    expect(sim.requests).toEqual([]);
  });
});
