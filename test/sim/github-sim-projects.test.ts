import { describe, expect, it } from "vitest";
import { REPO, call, newSim } from "./sim-test-helpers.js";
import type { GitHubSim } from "./github-sim.js";

/** GitHubSim's Projects (v2): GitHub's GraphQL shapes, errors and idempotent adds, and the helpers tests use. */

const gql = (sim: GitHubSim, query: string, variables?: Record<string, unknown>) =>
  call(sim, "POST", "/graphql", { query, ...(variables ? { variables } : {}) });

const FIELDS = [
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] },
  { name: "Estimate", dataType: "NUMBER" as const },
  { name: "Target date", dataType: "DATE" as const },
  { name: "Notes", dataType: "TEXT" as const },
  {
    name: "Iteration",
    dataType: "ITERATION" as const,
    iterations: [
      { title: "Sprint 1", startDate: "2026-02-16", completed: true },
      { title: "Sprint 2", startDate: "2026-03-02" },
    ],
  },
];

const PROJECT = `query($login: String!, $number: Int!) {
  organization(login: $login) {
    projectV2(number: $number) {
      id title url number
      fields(first: 50) {
        nodes {
          __typename
          ... on ProjectV2FieldCommon { id name dataType }
          ... on ProjectV2SingleSelectField { options { id name } }
          ... on ProjectV2IterationField {
            configuration { iterations { id title startDate duration } completedIterations { id title } }
          }
        }
      }
    }
  }
}`;

const CARDS = `query($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Issue {
      number
      projectItems(first: 20) {
        nodes {
          id
          project { id }
          content { ... on Issue { number } }
          fieldValues(first: 30) {
            nodes {
              __typename
              ... on ProjectV2ItemFieldSingleSelectValue { name optionId field { ... on ProjectV2FieldCommon { name } } }
              ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { name } } }
              ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { name } } }
              ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { name } } }
              ... on ProjectV2ItemFieldIterationValue { title iterationId field { ... on ProjectV2FieldCommon { name } } }
            }
          }
        }
      }
    }
  }
}`;

const ADD = `mutation($input: AddProjectV2ItemByIdInput!) { addProjectV2ItemById(input: $input) { item { id } } }`;
const SET = `mutation($input: UpdateProjectV2ItemFieldValueInput!) {
  updateProjectV2ItemFieldValue(input: $input) { projectV2Item { id } }
}`;
const CLEAR = `mutation($input: ClearProjectV2ItemFieldValueInput!) {
  clearProjectV2ItemFieldValue(input: $input) { projectV2Item { id } }
}`;

async function withBoard() {
  const sim = newSim();
  const board = sim.createProject("orgs/acme", { number: 7, title: "Roadmap", fields: FIELDS });
  const issue = (await call(sim, "POST", `/repos/${REPO}/issues`, { title: "First" })).body;
  const read = (await gql(sim, PROJECT, { login: "acme", number: 7 })).body;
  sim.resetLog();
  return { sim, board, issue, project: read.data.organization.projectV2 };
}

describe("GitHubSim Projects (v2)", () => {
  it("answers an organisation's project with its fields, options and iterations (completed ones apart)", async () => {
    const { sim, board, project } = await withBoard();
    expect(project).toMatchObject({
      id: board.id,
      title: "Roadmap",
      number: 7,
      url: "https://github.com/orgs/acme/projects/7",
    });
    const byName = Object.fromEntries(project.fields.nodes.map((f: { name: string }) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(["Title", "Status", "Estimate", "Target date", "Notes", "Iteration"]);
    expect(byName.Title).toMatchObject({ __typename: "ProjectV2Field", dataType: "TITLE" });
    expect(byName.Status.__typename).toBe("ProjectV2SingleSelectField");
    expect(byName.Status.options.map((o: { name: string }) => o.name)).toEqual(["Todo", "In Progress", "Done"]);
    expect(byName.Estimate).toMatchObject({ __typename: "ProjectV2Field", dataType: "NUMBER" });
    expect(byName.Iteration.configuration.iterations).toEqual([
      { id: expect.any(String), title: "Sprint 2", startDate: "2026-03-02", duration: 14 },
    ]);
    expect(byName.Iteration.configuration.completedIterations).toEqual([{ id: expect.any(String), title: "Sprint 1" }]);
    expect(sim.violations).toEqual([]);
  });

  it("answers a missing project with GitHub's NOT_FOUND beside the rest of the data", async () => {
    const { sim } = await withBoard();
    const res = await gql(sim, PROJECT, { login: "acme", number: 8 });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ organization: { projectV2: null } });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        path: ["organization", "projectV2"],
        message: "Could not resolve to a ProjectV2 with the number 8.",
      }),
    ]);
    const org = await gql(sim, PROJECT, { login: "nobody", number: 7 });
    expect(org.body.errors[0]).toMatchObject({ type: "NOT_FOUND", path: ["organization"] });
    expect(sim.violations).toEqual([]);
  });

  it("answers every project request FORBIDDEN to an app without the Projects permission", async () => {
    const { sim, board, issue } = await withBoard();
    sim.forbidProjects();
    const read = await gql(sim, PROJECT, { login: "acme", number: 7 });
    expect(read.body.errors[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
    const add = await gql(sim, ADD, { input: { projectId: board.id, contentId: issue.node_id } });
    expect(add.body.errors[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
    expect(sim.projectItem("orgs/acme", 7, issue.number)).toBeUndefined();
    expect(sim.violations).toEqual([]);
  });

  it("adds an issue once however often it is added, and counts mutations as writes and queries as reads", async () => {
    const { sim, board, issue } = await withBoard();
    const first = await gql(sim, ADD, { input: { projectId: board.id, contentId: issue.node_id } });
    const again = await gql(sim, ADD, { input: { projectId: board.id, contentId: issue.node_id } });
    expect(again.body.data.addProjectV2ItemById.item.id).toBe(first.body.data.addProjectV2ItemById.item.id);
    expect(sim.projectItems("orgs/acme", 7).size).toBe(1);
    await gql(sim, CARDS, { ids: [issue.node_id] });
    expect(sim.writes().map((w) => w.operationId)).toEqual([
      "graphql:mutation:addProjectV2ItemById",
      "graphql:mutation:addProjectV2ItemById",
    ]);
    expect(sim.reads().map((r) => r.operationId)).toEqual(["graphql:query:nodes"]);
    expect(sim.violations).toEqual([]);
  });

  it("sets and clears each type of value, read back through the issue's projectItems", async () => {
    const { sim, board, issue, project } = await withBoard();
    const added = await gql(sim, ADD, { input: { projectId: board.id, contentId: issue.node_id } });
    const itemId = added.body.data.addProjectV2ItemById.item.id;
    const field = (name: string) => project.fields.nodes.find((f: { name: string }) => f.name === name);
    const set = (name: string, value: Record<string, unknown>) =>
      gql(sim, SET, { input: { projectId: board.id, itemId, fieldId: field(name).id, value } });
    await set("Status", { singleSelectOptionId: field("Status").options[1].id });
    await set("Estimate", { number: 2.5 });
    await set("Target date", { date: "2026-03-31" });
    await set("Notes", { text: "from the doc" });
    await set("Iteration", { iterationId: field("Iteration").configuration.iterations[0].id });
    expect(sim.projectItem("orgs/acme", 7, issue.number)).toEqual({
      itemId,
      values: {
        Status: "In Progress",
        Estimate: 2.5,
        "Target date": "2026-03-31",
        Notes: "from the doc",
        Iteration: "Sprint 2",
      },
    });
    const cards = (await gql(sim, CARDS, { ids: [issue.node_id] })).body.data.nodes[0].projectItems.nodes;
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ id: itemId, project: { id: board.id }, content: { number: issue.number } });
    expect(cards[0].fieldValues.nodes).toEqual([
      { __typename: "ProjectV2ItemFieldTextValue", text: "First", field: { name: "Title" } },
      {
        __typename: "ProjectV2ItemFieldSingleSelectValue",
        name: "In Progress",
        optionId: field("Status").options[1].id,
        field: { name: "Status" },
      },
      { __typename: "ProjectV2ItemFieldNumberValue", number: 2.5, field: { name: "Estimate" } },
      { __typename: "ProjectV2ItemFieldDateValue", date: "2026-03-31", field: { name: "Target date" } },
      { __typename: "ProjectV2ItemFieldTextValue", text: "from the doc", field: { name: "Notes" } },
      {
        __typename: "ProjectV2ItemFieldIterationValue",
        title: "Sprint 2",
        iterationId: field("Iteration").configuration.iterations[0].id,
        field: { name: "Iteration" },
      },
    ]);
    await gql(sim, CLEAR, { input: { projectId: board.id, itemId, fieldId: field("Estimate").id } });
    expect(sim.projectItem("orgs/acme", 7, issue.number)!.values.Estimate).toBeUndefined();
    // A value of the wrong type, or an option of another field, is refused and changes nothing.
    const wrong = await set("Status", { number: 1 });
    expect(wrong.body.errors[0]).toMatchObject({ type: "UNPROCESSABLE" });
    const foreign = await set("Status", { singleSelectOptionId: "nope" });
    expect(foreign.body.errors[0].message).toBe("The single select option Id does not belong to the field");
    expect(sim.projectItem("orgs/acme", 7, issue.number)!.values.Status).toBe("In Progress");
    expect(sim.violations).toEqual([]);
  });

  it("answers a user's project under user(login)", async () => {
    const sim = newSim();
    sim.createProject("users/octo", { number: 3, fields: [] });
    const res = await gql(sim, `query { user(login: "octo") { projectV2(number: 3) { url } } }`);
    expect(res.body.data.user.projectV2.url).toBe("https://github.com/users/octo/projects/3");
    expect(sim.violations).toEqual([]);
  });

  it("a person's edit on the board changes the card without a request, and returns the projects_v2_item webhook", async () => {
    const { sim, board, issue } = await withBoard();
    sim.setProjectField({ owner: "orgs/acme", number: 7 }, { ownerRepo: REPO, number: issue.number }, "Status", "Todo");
    const payload = sim.editProjectItem(
      { owner: "orgs/acme", number: 7 },
      { ownerRepo: REPO, number: issue.number },
      "Status",
      "Done",
    ) as any;
    expect(sim.requests).toEqual([]);
    expect(sim.projectItem("orgs/acme", 7, issue.number)!.values).toEqual({ Status: "Done" });
    expect(payload).toMatchObject({
      action: "edited",
      projects_v2_item: { project_node_id: board.id, content_node_id: issue.node_id, content_type: "Issue" },
      changes: {
        field_value: {
          field_node_id: board.fields.Status,
          field_type: "single_select",
          field_name: "Status",
          project_number: 7,
          from: { name: "Todo" },
          to: { name: "Done" },
        },
      },
      organization: { login: "acme" },
      sender: { login: "alice" },
      installation: { id: 1 },
    });
    expect(payload.repository).toBeUndefined();
  });
});

describe("GitHubSim Projects (v2) nodes", () => {
  it("finds a project and a card by node id, as the projects_v2_item webhook names them", async () => {
    const sim = newSim();
    const board = sim.createProject("orgs/acme", { number: 7, fields: FIELDS });
    const issue = (await call(sim, "POST", `/repos/${REPO}/issues`, { title: "First" })).body;
    sim.setProjectField({ owner: "orgs/acme", number: 7 }, { ownerRepo: REPO, number: issue.number }, "Estimate", 1);
    const itemId = sim.projectItem("orgs/acme", 7, issue.number)!.itemId;
    const res = await gql(
      sim,
      `query($p: ID!, $i: ID!) {
        p: node(id: $p) { ... on ProjectV2 { number url } }
        i: node(id: $i) { ... on ProjectV2Item { id content { ... on Issue { number } } } }
      }`,
      { p: board.id, i: itemId },
    );
    expect(res.body.data).toEqual({
      p: { number: 7, url: "https://github.com/orgs/acme/projects/7" },
      i: { id: itemId, content: { number: issue.number } },
    });
    expect(sim.violations).toEqual([]);
  });
});
