import { GraphqlResponseError } from "@octokit/graphql";
import { Octokit as RestOctokit } from "@octokit/rest";
import { config } from "@probot/octokit-plugin-config";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyOperations } from "../../src/github/apply-operations.js";
import { graphqlClient, type GraphqlClient } from "../../src/github/graphql-client.js";
import { graphqlCreateIssue } from "../../src/github/graphql-create-issue.js";
import { neutralizeRequest } from "../../src/github/neutralize-request.js";
import { NodeIds } from "../../src/github/node-ids.js";
import type { Octokit } from "../../src/github/octokit.js";
import {
  isGraphqlUnsupported,
  isRateLimit,
  isRefusal,
  isUncertain,
  rateLimitWaitMs,
  writePolicy,
} from "../../src/github/write-policy.js";
import { guardLease, LeaseLostError } from "../../src/jobs/lease-guard.js";
import { renderMarker } from "../../src/sync/marker.js";
import type { Operation } from "../../src/sync/sync-types.js";
import type { GitHubSim } from "../sim/github-sim.js";
import { newSim } from "../sim/sim-test-helpers.js";

const Z = "\u200B";
const repo = { owner: "octo", repo: "plans" };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A client with the write policy and nothing that waits or retries, so each request is seen once. */
const TestOctokit = RestOctokit.plugin(config, writePolicy);
const client = () =>
  new TestOctokit({ auth: "ghs_test", userAgent: "plansync-test", log: quiet }) as unknown as Octokit;

/** GitHub's answer with status 200 and `errors`, as octokit throws it. */
function answered(errors: object[], data?: object, headers: Record<string, string> = {}) {
  return new GraphqlResponseError({ method: "POST", url: "/graphql" }, headers, { data, errors } as never);
}

describe("the write policy on GraphQL answers", () => {
  it("takes an answer with errors as definite: a refusal, not an unknown outcome", () => {
    const refused = answered([{ type: "NOT_FOUND", path: ["createIssue"], message: "Could not resolve to a node" }]);
    expect([isUncertain(refused), isRefusal(refused), isRateLimit(refused), isGraphqlUnsupported(refused)]).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });

  it("takes GitHub failing inside as an unknown outcome", () => {
    const internal = answered([
      { message: "Something went wrong while executing your query. Please include `AB12` when reporting this issue." },
    ]);
    expect([isUncertain(internal), isRefusal(internal)]).toEqual([true, false]);
  });

  it("takes RATE_LIMITED as a rate limit, waited out until the quota's reset", () => {
    const limited = answered(
      [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation ID 1." }],
      undefined,
      {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1000",
      },
    );
    expect([isRateLimit(limited), isUncertain(limited), isRefusal(limited)]).toEqual([true, false, false]);
    expect(rateLimitWaitMs(limited, 900_000)).toBe(100_000);
    // The throttling plugin's own error for it keeps GitHub's answer as `data`.
    const throttled = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
      data: { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] },
      response: { headers: {} },
    });
    expect([isRateLimit(throttled), isUncertain(throttled)]).toEqual([true, false]);
  });

  it("takes a schema without the field, or no /graphql at all, as unsupported", () => {
    const ruby = answered([
      {
        path: ["mutation", "createIssue", "input"],
        extensions: { code: "argumentNotAccepted" },
        message: "InputObject 'CreateIssueInput' doesn't accept argument 'parentIssueId'",
      },
    ]);
    const variables = answered([
      {
        message:
          "Variable $input of type CreateIssueInput! was provided invalid value for parentIssueId (Field is not defined on CreateIssueInput)",
      },
    ]);
    const noGraphql = Object.assign(new Error("Not Found"), {
      status: 404,
      request: { url: "https://ghe.example/api/graphql" },
    });
    const restNotFound = Object.assign(new Error("Not Found"), {
      status: 404,
      request: { url: "https://api.github.com/repos/o/r/issues/1" },
    });
    expect([ruby, variables, noGraphql].map(isGraphqlUnsupported)).toEqual([true, true, true]);
    expect(isGraphqlUnsupported(restNotFound)).toBe(false);
    expect(isUncertain(ruby)).toBe(false);
  });

  it("never takes a REST 422's errors list for a GraphQL answer", () => {
    const rest = Object.assign(new Error("Validation Failed"), { status: 422, errors: [{ message: "rate limit" }] });
    expect([isRefusal(rest), isRateLimit(rest), isUncertain(rest)]).toEqual([true, false, false]);
  });
});

describe("a GraphQL create on the wire", () => {
  let sim: GitHubSim;
  let stopNock: () => void;
  beforeEach(() => {
    sim = newSim({ "README.md": "# Plans\n" });
    stopNock = sim.interceptWithNock();
  });
  afterEach(() => {
    stopNock();
    expect(sim.violations).toEqual([]);
  });

  const input = async (octokit: Octokit, title: string, body: string) => {
    const nodes = new NodeIds(repo, { creates: [], issues: [], milestoneNumber: () => undefined });
    const op = { ...create("M-1", title, body), labels: [] };
    const named = await nodes.idsFor(graphqlClient(octokit)!, op, undefined);
    if (!("ids" in named)) throw new Error(`no ids: ${JSON.stringify(named)}`);
    return { ...named.ids, title, body };
  };

  it("pings nobody: the title is neutralised as text and the body as markdown, as over REST", async () => {
    const octokit = client();
    const sent = await input(octokit, "Ask @alice", "cc @bob, not `@code`");
    const issue = await graphqlCreateIssue(graphqlClient(octokit)!, sent, repo);
    const made = sim.issue("octo/plans", issue.number)!;
    expect(made.title).toBe(`Ask @${Z}alice`);
    expect(made.body).toBe(`cc @${Z}bob, not \`@code\``);
    expect(issue).toMatchObject({ number: made.number, id: made.id, nodeId: made.node_id });
  });

  it("is neutralised on GitHub Enterprise Server's /api/graphql too", () => {
    const options = {
      query: "mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }",
      variables: { input: { title: "@alice", body: "@bob" } },
    };
    neutralizeRequest("POST", "https://ghe.example.com/api/graphql", options);
    expect(options.variables.input).toEqual({ title: `@${Z}alice`, body: `@${Z}bob` });
  });

  it("is refused once the job's lease is lost, like every write", async () => {
    const octokit = client();
    const sent = await input(octokit, "Title", "Body");
    const lost = new AbortController();
    lost.abort();
    guardLease(octokit, lost.signal);
    sim.resetLog();
    await expect(graphqlCreateIssue(graphqlClient(octokit)!, sent, repo)).rejects.toBeInstanceOf(LeaseLostError);
    expect(sim.requests).toEqual([]);
  });

  it("sends names from the docs as variables: a label named like GraphQL changes no query", async () => {
    const octokit = client();
    const odd = 'x") { id } evil: viewer { login } y: label(name: "';
    await octokit.rest.issues.createLabel({ ...repo, name: odd, color: "ededed" });
    sim.resetLog();
    const nodes = new NodeIds(repo, { creates: [], issues: [], milestoneNumber: () => undefined });
    const named = await nodes.idsFor(graphqlClient(octokit)!, { ...create("M-1", "T", "B"), labels: [odd] }, undefined);
    expect("ids" in named && named.ids.labelIds).toEqual([
      sim.labels("octo/plans").find((l) => l.name === odd)!.node_id,
    ]);
    const [query] = sim.requests;
    expect((query!.body as { query: string }).query).not.toContain("evil");
  });
});

describe("applying creates through GraphQL", () => {
  let sim: GitHubSim;
  let stopNock: () => void;
  beforeEach(() => {
    sim = newSim({ "README.md": "# Plans\n" });
    stopNock = sim.interceptWithNock();
  });
  afterEach(() => stopNock());

  const ops = (): Operation[] => [
    create("P-1", "P-1: Parent", body("P-1")),
    { ...create("P-2", "P-2: Child", body("P-2")), parent: { issue: { taskId: "P-1" }, taskId: "P-1" } },
  ];

  it("sends a create whose answer was lost and which GitHub did not make again, and makes one issue", async () => {
    sim.failNext({ method: "POST", pathIncludes: "/graphql", status: 502, after: 1 });
    const result = await applyOperations(client(), repo, ops(), { milestones: [], issues: [] });
    expect(result.failure).toBeUndefined();
    expect(sim.issues("octo/plans").map((i) => i.title)).toEqual(["P-1: Parent", "P-2: Child"]);
    const [parent, child] = sim.issues("octo/plans");
    expect(sim.subIssues("octo/plans", parent!.number)).toEqual([child!.number]);
    expect(sim.violations).toEqual([]);
  });

  it("creates a child whose parent was refused without a parent, and reports the link as waiting", async () => {
    // GraphQL refuses the parent (a definite answer), then REST does too.
    sim.failNext({
      method: "POST",
      pathIncludes: "/graphql",
      status: 200,
      after: 1,
      body: {
        data: { createIssue: null },
        errors: [{ type: "UNPROCESSABLE", path: ["createIssue"], message: "Title is too long" }],
      },
    });
    sim.failNext({ method: "POST", pathIncludes: "/issues", status: 422, body: { message: "Validation Failed" } });
    const result = await applyOperations(client(), repo, ops(), { milestones: [], issues: [] });
    expect(result.failure).toBeUndefined();
    expect(sim.issues("octo/plans").map((i) => i.title)).toEqual(["P-2: Child"]);
    expect(result.applied.map((a) => [a.op.kind, "taskId" in a.op && a.op.taskId])).toEqual([["create-issue", "P-2"]]);
    expect(result.refused.map((r) => [r.op.kind, "taskId" in r.op && r.op.taskId, r.message])).toEqual([
      ["create-issue", "P-1", "GitHub answered 422: Validation Failed"],
      ["link-sub-issue", "P-2", "the issue for P-1 was not created, so this change waits for the next sync"],
    ]);
  });
});

function create(taskId: string, title: string, body: string): Extract<Operation, { kind: "create-issue" }> {
  return { kind: "create-issue", taskId, title, body, labels: ["plansync"], milestone: null, assignees: [] };
}

function body(id: string): string {
  return `Body of ${id}\n\n${renderMarker({ id, file: "docs/plan.md", state: "open", hash: "abc" })}\n`;
}
