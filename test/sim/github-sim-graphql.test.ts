import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, call, newSim } from "./sim-test-helpers.js";
import type { GitHubSim } from "./github-sim.js";

const ISSUES = "/repos/octo/plans/issues";

const gql = (sim: GitHubSim, query: string, variables?: Record<string, unknown>) =>
  call(sim, "POST", "/graphql", { query, ...(variables ? { variables } : {}) });

const CREATE = `
  mutation Create($input: CreateIssueInput!) {
    createIssue(input: $input) {
      clientMutationId
      issue {
        id fullDatabaseId number url title state body
        parent { id number }
        labels(first: 10) { nodes { name } }
        assignees(first: 10) { nodes { login } }
        milestone { number title }
        author { login }
      }
    }
  }`;

/** A repository with a parent issue, two labels, a milestone and a collaborator, made through REST. */
async function seeded() {
  const sim = newSim();
  sim.setCollaborators(REPO, ["octo", "alice"]);
  const parent = (await call(sim, "POST", ISSUES, { title: "Epic", labels: ["plan", "epic"] })).body;
  const milestone = (await call(sim, "POST", "/repos/octo/plans/milestones", { title: "v1" })).body;
  await call(sim, "POST", ISSUES, { title: "helper", assignees: ["alice"] });
  const ids = await gql(
    sim,
    `query {
      repository(owner: "octo", name: "plans") {
        id
        l0: label(name: "plan") { id }
        l1: label(name: "epic") { id }
        missing: label(name: "nope") { id }
        milestone(number: 1) { id }
        issue(number: 1) { id }
      }
      user(login: "alice") { id login }
    }`,
  );
  sim.resetLog();
  return { sim, parent, milestone, ids: ids.body };
}

describe("GitHubSim GraphQL: createIssue", () => {
  it("creates the issue REST reads back: number, author, labels, milestone, assignees and parent", async () => {
    const { sim, parent, milestone, ids } = await seeded();
    const repository = ids.data.repository;
    expect(ids.errors).toBeUndefined();
    expect(repository).toMatchObject({ id: expect.stringMatching(/^R_/), missing: null });
    expect(repository.issue.id).toBe(parent.node_id);
    expect(repository.l0.id).toBe(parent.labels.find((l: { name: string }) => l.name === "plan").node_id);
    expect(repository.milestone.id).toBe(milestone.node_id);

    const res = await gql(sim, CREATE, {
      input: {
        repositoryId: repository.id,
        title: "Child task",
        body: "do it",
        labelIds: [repository.l0.id],
        milestoneId: repository.milestone.id,
        assigneeIds: [ids.data.user.id],
        parentIssueId: repository.issue.id,
        clientMutationId: "m-1",
      },
    });

    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const created = res.body.data.createIssue;
    expect(created.clientMutationId).toBe("m-1");
    expect(created.issue).toMatchObject({
      number: 3,
      url: "https://github.com/octo/plans/issues/3",
      title: "Child task",
      state: "OPEN",
      body: "do it",
      parent: { id: parent.node_id, number: 1 },
      labels: { nodes: [{ name: "plan" }] },
      assignees: { nodes: [{ login: "alice" }] },
      milestone: { number: 1, title: "v1" },
      author: { login: "plansync[bot]" },
    });

    const rest = (await call(sim, "GET", `${ISSUES}/3`)).body;
    expect(rest.node_id).toBe(created.issue.id);
    expect(String(rest.id)).toBe(created.issue.fullDatabaseId);
    expect(rest.user.login).toBe("plansync[bot]");
    expect(rest.parent_issue_url).toBe("https://api.github.com/repos/octo/plans/issues/1");
    expect(rest.labels.map((l: { name: string }) => l.name)).toEqual(["plan"]);
    expect(rest.milestone.number).toBe(1);
    expect(rest.assignees.map((u: { login: string }) => u.login)).toEqual(["alice"]);
    const parentNow = (await call(sim, "GET", `${ISSUES}/1`)).body;
    expect(parentNow.sub_issues_summary).toEqual({ total: 1, completed: 0, percent_completed: 0 });
    const children = (await call(sim, "GET", `${ISSUES}/1/sub_issues`)).body;
    expect(children.map((i: { number: number }) => i.number)).toEqual([3]);
    // REST numbering goes on from the GraphQL issue.
    expect((await call(sim, "POST", ISSUES, { title: "next" })).body.number).toBe(4);
    expect(sim.violations).toEqual([]);
  });

  it("appends to the parent's existing sub-issues and refuses a 101st", async () => {
    const { sim, ids } = await seeded();
    const { id: repositoryId, issue } = ids.data.repository;
    for (let i = 0; i < 100; i++) {
      const res = await gql(sim, CREATE, { input: { repositoryId, title: `t${i}`, parentIssueId: issue.id } });
      expect(res.body.errors).toBeUndefined();
    }
    expect(sim.subIssues(REPO, 1)).toHaveLength(100);
    expect(sim.subIssues(REPO, 1).at(-1)).toBe(102);
    const over = await gql(sim, CREATE, { input: { repositoryId, title: "one too many", parentIssueId: issue.id } });
    expect(over.body.data).toEqual({ createIssue: null });
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        type: "UNPROCESSABLE",
        path: ["createIssue"],
        message: expect.stringContaining("100"),
      }),
    ]);
    // Nothing was created: the failed create took no number.
    expect(sim.issues(REPO).at(-1)!.number).toBe(102);
  });

  it("nests sub-issues at most 8 levels deep", async () => {
    const { sim, ids } = await seeded();
    let parentIssueId = ids.data.repository.issue.id;
    for (let level = 2; level <= 8; level++) {
      const res = await gql(sim, CREATE, {
        input: { repositoryId: ids.data.repository.id, title: `L${level}`, parentIssueId },
      });
      expect(res.body.errors).toBeUndefined();
      parentIssueId = res.body.data.createIssue.issue.id;
    }
    const ninth = await gql(sim, CREATE, {
      input: { repositoryId: ids.data.repository.id, title: "L9", parentIssueId },
    });
    expect(ninth.body.errors[0]).toMatchObject({ type: "UNPROCESSABLE", message: expect.stringContaining("8 levels") });
    expect(sim.issues(REPO).map((i) => i.title)).not.toContain("L9");
  });

  it("answers GitHub's NOT_FOUND for an unknown id and creates nothing", async () => {
    const { sim, ids } = await seeded();
    const before = sim.issues(REPO).length;
    const res = await gql(sim, CREATE, {
      input: { repositoryId: ids.data.repository.id, title: "x", labelIds: ["LA_kwDOnope"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { createIssue: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["createIssue"],
          locations: [{ line: 3, column: 5 }],
          message: "Could not resolve to a node with the global id of 'LA_kwDOnope'",
        },
      ],
    });
    expect(sim.issues(REPO)).toHaveLength(before);
    expect(sim.violations).toEqual([]);
  });

  it("answers NOT_FOUND for another repository's label, or an id of the wrong type", async () => {
    const { sim, ids } = await seeded();
    sim.addRepo({ owner: "octo", repo: "other", files: {} });
    const foreign = (await call(sim, "POST", "/repos/octo/other/labels", { name: "x", color: "ffffff" })).body;
    for (const labelIds of [[foreign.node_id], [ids.data.repository.issue.id]]) {
      const res = await gql(sim, CREATE, { input: { repositoryId: ids.data.repository.id, title: "t", labelIds } });
      expect(res.body.errors).toEqual([
        expect.objectContaining({ type: "NOT_FOUND", message: expect.stringContaining(labelIds[0]) }),
      ]);
    }
    expect(sim.violations).toEqual([]);
  });

  it("treats an issue type id as unknown: the simulator keeps no issue types", async () => {
    const { sim, ids } = await seeded();
    const res = await gql(sim, CREATE, {
      input: { repositoryId: ids.data.repository.id, title: "x", issueTypeId: "IT_kwDOAAAB" },
    });
    expect(res.body.errors[0]).toMatchObject({ type: "NOT_FOUND", message: expect.stringContaining("IT_kwDOAAAB") });
    expect(sim.violations).toEqual([]);
  });
});

describe("GitHubSim GraphQL: validation against GitHub's schema", () => {
  it("records a field GitHub's schema lacks as a violation and answers 200 with errors", async () => {
    const sim = newSim();
    const res = await gql(sim, `query { repository(owner: "octo", name: "plans") { id nonsenseField } }`);
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([
      {
        message: 'Cannot query field "nonsenseField" on type "Repository".',
        locations: [{ line: 1, column: 55 }],
        extensions: { code: "undefinedField" },
      },
    ]);
    expect(sim.violations).toEqual(['POST /graphql: Cannot query field "nonsenseField" on type "Repository".']);
  });

  it("records variables that do not fit the declared input type", async () => {
    const sim = newSim();
    const res = await gql(sim, CREATE, { input: { repositoryId: "R_x", title: "t", notAField: 1 } });
    expect(res.body.errors[0].message).toContain("notAField");
    expect(sim.violations).toHaveLength(1);
    expect(sim.violations[0]).toContain("notAField");
  });

  it("knows issueTypeId (from the overlay) and unparsable documents are violations", async () => {
    const sim = newSim();
    await gql(
      sim,
      `mutation { createIssue(input: {repositoryId: "R_x", title: "t", issueTypeId: "IT_x"}) { issue { id } } }`,
    );
    expect(sim.violations.filter((v) => v.includes("issueTypeId"))).toEqual([]);
    const broken = await gql(sim, "query { repository(");
    expect(broken.body.errors[0]).toMatchObject({ message: expect.stringContaining("Syntax Error") });
    expect(sim.requests.at(-1)!.operationId).toBe("graphql:invalid");
    expect(sim.violations).toHaveLength(1);
  });

  it("records a field the schema has but the simulator does not simulate, instead of answering null", async () => {
    const sim = newSim();
    const res = await gql(sim, `query { repository(owner: "octo", name: "plans") { diskUsage } }`);
    expect(res.body.errors[0].message).toContain("Repository.diskUsage");
    expect(sim.violations).toEqual([expect.stringContaining("does not simulate Repository.diskUsage")]);
  });
});

describe("GitHubSim GraphQL: queries", () => {
  it("resolves aliases, variables, node and nodes with __typename, and NOT_FOUND per missing node", async () => {
    const { sim, ids } = await seeded();
    const res = await gql(
      sim,
      `query Q($ids: [ID!]!, $owner: String!) {
        a: repository(owner: $owner, name: "plans") { name owner { login } }
        nodes(ids: $ids) { __typename id ... on Label { name } ... on Issue { number } }
        rateLimit { cost remaining limit resetAt }
      }`,
      {
        owner: "octo",
        ids: [ids.data.repository.l1.id, ids.data.repository.issue.id, "I_kwDOmissing", ids.data.repository.id],
      },
    );
    expect(res.body.data.a).toEqual({ name: "plans", owner: { login: "octo" } });
    expect(res.body.data.nodes).toEqual([
      { __typename: "Label", id: ids.data.repository.l1.id, name: "epic" },
      { __typename: "Issue", id: ids.data.repository.issue.id, number: 1 },
      null,
      { __typename: "Repository", id: ids.data.repository.id },
    ]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        path: ["nodes", 2],
        message: expect.stringContaining("I_kwDOmissing"),
      }),
    ]);
    expect(res.body.data.rateLimit).toMatchObject({ cost: 1, limit: 5000 });
    expect(sim.violations).toEqual([]);
  });

  it("pages labels with cursors and enforces GitHub's first/last rules", async () => {
    const sim = newSim();
    await call(sim, "POST", ISSUES, { title: "t", labels: ["a", "b", "c"] });
    const page = async (after?: string) =>
      (
        await gql(
          sim,
          `query($after: String) { repository(owner: "octo", name: "plans") { labels(first: 2, after: $after) {
            totalCount nodes { name } pageInfo { hasNextPage endCursor } } } }`,
          { after: after ?? null },
        )
      ).body.data.repository.labels;
    const first = await page();
    expect(first).toMatchObject({
      totalCount: 3,
      nodes: [{ name: "a" }, { name: "b" }],
      pageInfo: { hasNextPage: true },
    });
    const second = await page(first.pageInfo.endCursor);
    expect(second).toMatchObject({ nodes: [{ name: "c" }], pageInfo: { hasNextPage: false } });
    const unbounded = await gql(sim, `query { repository(owner: "octo", name: "plans") { labels { totalCount } } }`);
    expect(unbounded.body.errors[0]).toMatchObject({ type: "MISSING_PAGINATION_BOUNDARIES" });
    const tooMany = await gql(
      sim,
      `query { repository(owner: "octo", name: "plans") { labels(first: 101) { totalCount } } }`,
    );
    expect(tooMany.body.errors[0]).toMatchObject({ type: "EXCESSIVE_PAGINATION" });
  });

  it("answers the overlay's issue types: none, as for a user-owned repository", async () => {
    const sim = newSim();
    const res = await gql(
      sim,
      `query { repository(owner: "octo", name: "plans") { issueTypes(first: 25) { totalCount nodes { id name } } issueType(name: "Bug") { id } } }`,
    );
    expect(res.body).toEqual({ data: { repository: { issueTypes: { totalCount: 0, nodes: [] }, issueType: null } } });
    expect(sim.violations).toEqual([]);
  });

  it("answers NOT_FOUND for an unknown repository and for a Bot asked as a user", async () => {
    const sim = newSim();
    const res = await gql(
      sim,
      `query { repository(owner: "octo", name: "nope") { id } user(login: "plansync[bot]") { id } }`,
    );
    expect(res.body.data).toEqual({ repository: null, user: null });
    expect(res.body.errors.map((e: { type: string; message: string }) => [e.type, e.message])).toEqual([
      ["NOT_FOUND", "Could not resolve to a Repository with the name 'octo/nope'."],
      ["NOT_FOUND", "Could not resolve to a User with the login of 'plansync[bot]'."],
    ]);
  });

  it("keeps the 32-bit Int on Issue.databaseId, as GitHub does: ids past 2^31 need fullDatabaseId", async () => {
    const sim = newSim();
    await call(sim, "POST", ISSUES, { title: "t" });
    const res = await gql(
      sim,
      `query { repository(owner: "octo", name: "plans") { databaseId issue(number: 1) { databaseId fullDatabaseId } } }`,
    );
    const rest = (await call(sim, "GET", `${ISSUES}/1`)).body;
    const repo = (await call(sim, "GET", "/repos/octo/plans")).body;
    expect(res.body.data.repository).toEqual({
      databaseId: repo.id,
      issue: { databaseId: null, fullDatabaseId: String(rest.id) },
    });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ["repository", "issue", "databaseId"],
        message: expect.stringContaining("32-bit"),
      }),
    ]);
  });
});

describe("GitHubSim GraphQL: addSubIssue", () => {
  it("links an existing issue under a parent, as REST sub_issues then lists it", async () => {
    const { sim, ids } = await seeded();
    const child = (await call(sim, "GET", `${ISSUES}/2`)).body;
    const res = await gql(
      sim,
      `mutation($p: ID!, $c: ID!) { addSubIssue(input: {issueId: $p, subIssueId: $c}) { issue { id number } subIssue { id number } } }`,
      { p: ids.data.repository.issue.id, c: child.node_id },
    );
    expect(res.body).toEqual({
      data: {
        addSubIssue: {
          issue: { id: ids.data.repository.issue.id, number: 1 },
          subIssue: { id: child.node_id, number: 2 },
        },
      },
    });
    expect(sim.parentOf(REPO, 2)).toBe(1);
    const again = await gql(
      sim,
      `mutation($p: ID!, $c: ID!) { addSubIssue(input: {issueId: $p, subIssueId: $c}) { issue { id } } }`,
      { p: ids.data.repository.issue.id, c: child.node_id },
    );
    expect(again.body.errors[0]).toMatchObject({ type: "UNPROCESSABLE", path: ["addSubIssue"] });
  });
});

describe("GitHubSim GraphQL: log, faults and GitHub Enterprise Server", () => {
  it("logs root fields as the operationId and counts queries as reads, mutations as writes", async () => {
    const { sim, ids } = await seeded();
    const seen: number[] = [];
    sim.beforeNext("graphql:mutation:createIssue", () => seen.push(sim.issues(REPO).length));
    await gql(sim, `query { repository(owner: "octo", name: "plans") { id } user(login: "alice") { id } }`);
    await gql(sim, CREATE, { input: { repositoryId: ids.data.repository.id, title: "t" } });
    expect(sim.requests.map((r) => [r.method, r.path, r.operationId, r.status])).toEqual([
      ["POST", "/graphql", "graphql:query:repository,user", 200],
      ["POST", "/graphql", "graphql:mutation:createIssue", 200],
    ]);
    expect(sim.reads().map((r) => r.operationId)).toEqual(["graphql:query:repository,user"]);
    // The hook ran once, just before the mutation was carried out.
    expect(seen).toEqual([2]);
    expect(sim.writes().map((r) => r.operationId)).toEqual(["graphql:mutation:createIssue"]);
  });

  it("an applied fault creates the issue but loses the answer as a 502", async () => {
    const { sim, ids } = await seeded();
    sim.failNext({ method: "POST", pathIncludes: "/graphql", status: 502, applied: true });
    const lost = await gql(sim, CREATE, { input: { repositoryId: ids.data.repository.id, title: "maybe" } });
    expect(lost.status).toBe(502);
    expect(sim.issues(REPO).map((i) => i.title)).toContain("maybe");
    const retried = await gql(sim, CREATE, { input: { repositoryId: ids.data.repository.id, title: "again" } });
    expect(retried.status).toBe(200);
    expect(sim.requests.map((r) => r.status)).toEqual([502, 200]);
  });

  it("a plain fault fails the request without carrying it out", async () => {
    const { sim, ids } = await seeded();
    const before = sim.issues(REPO).length;
    sim.failNext({ pathIncludes: "/graphql", status: 502 });
    expect((await gql(sim, CREATE, { input: { repositoryId: ids.data.repository.id, title: "x" } })).status).toBe(502);
    expect(sim.issues(REPO)).toHaveLength(before);
  });

  it("graphqlWithout: a server lacking parentIssueId rejects it as a violation; REST sub-issues still work", async () => {
    const { sim, ids } = await seeded();
    sim.graphqlWithout(["CreateIssueInput.parentIssueId"]);
    const input = { repositoryId: ids.data.repository.id, title: "t", parentIssueId: ids.data.repository.issue.id };
    const res = await gql(sim, CREATE, { input });
    expect(res.status).toBe(200);
    expect(res.body.errors[0].message).toContain("parentIssueId");
    expect(sim.violations).toHaveLength(1);
    const plain = await gql(sim, CREATE, { input: { repositoryId: input.repositoryId, title: "t" } });
    expect(plain.body.errors).toBeUndefined();
    expect(() => sim.graphqlWithout(["CreateIssueInput.noSuchField"])).toThrow(/noSuchField/);
  });

  it("graphqlDisabled answers 404 like a server without the GraphQL API, on /graphql and /api/graphql", async () => {
    const sim = newSim();
    sim.graphqlDisabled();
    const res = await gql(sim, `query { rateLimit { cost } }`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe("Not Found");
    const ghes = await call(sim, "POST", "https://ghe.example.com/api/graphql", {
      query: "query { rateLimit { cost } }",
    });
    expect(ghes.status).toBe(404);
    expect(sim.violations).toEqual([]);
  });

  it("serves GitHub Enterprise Server's /api/graphql path", async () => {
    const sim = newSim();
    const res = await call(sim, "POST", "https://ghe.example.com/api/graphql", {
      query: `query { repository(owner: "octo", name: "plans") { url } }`,
    });
    expect(res.body.data.repository.url).toBe("https://ghe.example.com/octo/plans");
  });
});

describe("GitHubSim GraphQL through Octokit", () => {
  const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const octokit = (baseUrl?: string) =>
    new ProbotOctokit({
      auth: { token: "ghs_test" },
      log: silent,
      throttle: { enabled: false } as { enabled: false },
      ...(baseUrl ? { baseUrl } : {}),
    });
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
    nock.enableNetConnect();
  });

  it("answers octokit.graphql, and GraphQL errors reach the caller as GraphqlResponseError", async () => {
    const { sim, ids } = await seeded();
    cleanups.push(sim.interceptWithNock());
    nock.disableNetConnect();
    const client = octokit();
    const data = await client.graphql<{ createIssue: { issue: { number: number; parent: { number: number } } } }>(
      CREATE,
      {
        input: {
          repositoryId: ids.data.repository.id,
          title: "via octokit",
          parentIssueId: ids.data.repository.issue.id,
        },
      },
    );
    expect(data.createIssue.issue).toMatchObject({ number: 3, parent: { number: 1 } });
    const failure = await client
      .graphql(CREATE, { input: { repositoryId: "R_kwDOnope", title: "x" } })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: "GraphqlResponseError",
      errors: [expect.objectContaining({ type: "NOT_FOUND" })],
      data: { createIssue: null },
    });
    expect(sim.violations).toEqual([]);
  });

  it("answers a GitHub Enterprise Server client at /api/graphql", async () => {
    const sim = newSim();
    cleanups.push(sim.interceptWithNock("https://ghe.example.com/api/v3"));
    nock.disableNetConnect();
    const data = await octokit("https://ghe.example.com/api/v3").graphql<{ repository: { url: string } }>(
      `query { repository(owner: "octo", name: "plans") { url } }`,
    );
    expect(data.repository.url).toBe("https://ghe.example.com/octo/plans");
    expect(sim.requests.map((r) => [r.path, r.operationId])).toEqual([["/api/graphql", "graphql:query:repository"]]);
  });
});
