import type { PageArgs } from "./graphql-connection.js";
import type { GraphqlContext } from "./graphql-context.js";
import { GitHubGraphqlError, nodeNotFound } from "./graphql-errors.js";
import { findNode, knownUsers } from "./graphql-ids.js";
import { accountObject } from "./graphql-objects.js";
import { itemObject, projectObject } from "./graphql-projects-objects.js";
import {
  addItem,
  projectStore,
  valueProblem,
  writeValue,
  type ProjectRecord,
  type StoredFieldValue,
} from "./graphql-projects-store.js";
import type { IssueRecord, SimUser } from "./records.js";
import { requestActor } from "./routes-collaborators.js";
import { connection } from "./graphql-connection.js";

/**
 * The Projects (v2) part of the GraphQL API: `organization(login)`, `projectV2(number)` on an
 * organisation or user, `Issue.projectItems`, and the three mutations plansync sends. A token
 * without the Projects permission (`forbidProjects`) gets GitHub's FORBIDDEN on each; a project
 * that does not exist GitHub's NOT_FOUND, with the other fields of the answer still there.
 */

/** GitHub's answer to an installation without the organisation permission Projects. */
const forbidden = () => new GitHubGraphqlError("FORBIDDEN", "Resource not accessible by integration");

export function projectQueries(ctx: GraphqlContext) {
  return {
    organization: ({ login }: { login: string }) => {
      // Project owners count too: an organisation may own a board and no repository here.
      const owners = projectStore(ctx.state).projects.map((p) => p.owner);
      const org = [...knownUsers(ctx.state), ...owners].find(
        (u) => u.type === "Organization" && u.login.toLowerCase() === login.toLowerCase(),
      );
      if (!org)
        throw new GitHubGraphqlError("NOT_FOUND", `Could not resolve to an Organization with the login of '${login}'.`);
      return accountObject(ctx.urls, org);
    },
  };
}

/** `Organization.projectV2(number)` and `User.projectV2(number)`. */
export function projectV2Of(ctx: GraphqlContext, owner: SimUser, number: number) {
  const store = projectStore(ctx.state);
  if (store.forbidden) throw forbidden();
  const project = store.find(owner.type === "Organization" ? "orgs" : "users", owner.login, number);
  if (!project)
    throw new GitHubGraphqlError("NOT_FOUND", `Could not resolve to a ProjectV2 with the number ${number}.`);
  return projectObject(ctx.urls, project);
}

/** A project or a card by its node id (`node(id:)`), as the projects_v2_item webhook names them; null for neither. */
export function projectNode(ctx: GraphqlContext, id: string) {
  const store = projectStore(ctx.state);
  const project = store.projects.find((p) => p.id === id || p.items.some((i) => i.id === id));
  if (!project) return null;
  if (store.forbidden) throw forbidden();
  const item = project.items.find((i) => i.id === id);
  return item ? itemObject(ctx.urls, project, item) : projectObject(ctx.urls, project);
}

/** `Issue.projectItems`: the issue's cards on every project. */
export function projectItemsOf(ctx: GraphqlContext, issue: IssueRecord, args: PageArgs) {
  const store = projectStore(ctx.state);
  if (store.forbidden) throw forbidden();
  return connection("projectItems", store.itemsOf(issue), args, ({ project, item }) =>
    itemObject(ctx.urls, project, item),
  );
}

interface AddItemInput {
  projectId: string;
  contentId: string;
  clientMutationId?: string | null;
}

interface FieldValueInput {
  projectId: string;
  itemId: string;
  fieldId: string;
  value?: Record<string, unknown>;
  clientMutationId?: string | null;
}

export function projectMutations(ctx: GraphqlContext) {
  return {
    addProjectV2ItemById: ({ input }: { input: AddItemInput }) => {
      const project = lookupProject(ctx, input.projectId);
      const found = findNode(ctx.state, input.contentId);
      if (found && "unsimulated" in found) throw ctx.unsimulated(`${found.unsimulated} items on projects`);
      if (!found || found.type !== "Issue") throw nodeNotFound(input.contentId);
      const item = addItem(ctx.state, project, found.repo, found.issue, requestActor(ctx.route));
      return { clientMutationId: input.clientMutationId ?? null, item: itemObject(ctx.urls, project, item) };
    },
    updateProjectV2ItemFieldValue: ({ input }: { input: FieldValueInput }) => {
      const { project, item, field } = lookupCard(ctx, input);
      const problem = valueProblem(field, input.value ?? {});
      if (problem) throw new GitHubGraphqlError("UNPROCESSABLE", problem);
      const [key] = Object.keys(input.value!).filter((k) => input.value![k] != null);
      const value = { [key!]: input.value![key!] } as StoredFieldValue;
      writeValue(ctx.state, project, item, field, value, requestActor(ctx.route));
      return { clientMutationId: input.clientMutationId ?? null, projectV2Item: itemObject(ctx.urls, project, item) };
    },
    clearProjectV2ItemFieldValue: ({ input }: { input: FieldValueInput }) => {
      const { project, item, field } = lookupCard(ctx, input);
      writeValue(ctx.state, project, item, field, null, requestActor(ctx.route));
      return { clientMutationId: input.clientMutationId ?? null, projectV2Item: itemObject(ctx.urls, project, item) };
    },
  };
}

function lookupProject(ctx: GraphqlContext, id: string): ProjectRecord {
  const store = projectStore(ctx.state);
  if (store.forbidden) throw forbidden();
  const project = store.byId(id);
  if (!project) throw nodeNotFound(id);
  return project;
}

/** The project, its item and its field, each checked to belong to the project. */
function lookupCard(ctx: GraphqlContext, input: FieldValueInput) {
  const project = lookupProject(ctx, input.projectId);
  const item = project.items.find((i) => i.id === input.itemId);
  if (!item) throw nodeNotFound(input.itemId);
  const field = project.fields.find((f) => f.id === input.fieldId);
  if (!field) throw nodeNotFound(input.fieldId);
  if (field.dataType === "TITLE") throw new GitHubGraphqlError("UNPROCESSABLE", "The Title field cannot be updated");
  return { project, item, field };
}
