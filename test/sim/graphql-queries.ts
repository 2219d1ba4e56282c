import { GitHubGraphqlError, nodeNotFound } from "./graphql-errors.js";
import { findNode, knownUsers, type NodeRef } from "./graphql-ids.js";
import type { GraphqlContext } from "./graphql-context.js";
import { accountObject, issueObject, labelObject, milestoneObject, repositoryObject } from "./graphql-objects.js";
import { projectNode, projectQueries } from "./graphql-projects.js";

/** The Query root fields the simulator answers; any other root field records a violation. */

/** GitHub's GraphQL budget per hour for an installation (points, not requests). */
const POINTS_PER_HOUR = 5000;

export function queryRoot(ctx: GraphqlContext) {
  return {
    ...projectQueries(ctx),
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = ctx.state.findRepo(owner, name);
      if (!repo)
        throw new GitHubGraphqlError(
          "NOT_FOUND",
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        );
      return repositoryObject(repo, ctx.urls);
    },
    user: ({ login }: { login: string }) => {
      const user = knownUsers(ctx.state).find(
        (u) => u.type === "User" && u.login.toLowerCase() === login.toLowerCase(),
      );
      if (!user) throw new GitHubGraphqlError("NOT_FOUND", `Could not resolve to a User with the login of '${login}'.`);
      return accountObject(ctx.urls, user);
    },
    node: ({ id }: { id: string }) => nodeObject(ctx, id),
    // One missing id nulls its own entry (with an error), not the whole list, as on GitHub.
    // graphql-js completes an Error list item as that entry's error.
    nodes: ({ ids }: { ids: string[] }) =>
      ids.map((id) => {
        try {
          return nodeObject(ctx, id);
        } catch (error) {
          return error;
        }
      }),
    rateLimit: () => ({
      cost: 1,
      limit: POINTS_PER_HOUR,
      nodeCount: 1,
      remaining: POINTS_PER_HOUR - 1,
      used: 1,
      resetAt: new Date(ctx.state.date().getTime() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }),
  };
}

export function nodeObject(ctx: GraphqlContext, id: string) {
  const found = findNode(ctx.state, id);
  if (found && "unsimulated" in found) throw ctx.unsimulated(`node lookups of ${found.unsimulated} ids`);
  if (!found) return projectNode(ctx, id) ?? throwNotFound(id);
  return objectFor(ctx, found);
}

export function objectFor(ctx: GraphqlContext, ref: NodeRef) {
  switch (ref.type) {
    case "Issue":
      return issueObject(ref.repo, ctx.urls, ref.issue);
    case "Label":
      return labelObject(ref.repo, ctx.urls, ref.label);
    case "Milestone":
      return milestoneObject(ref.repo, ctx.urls, ref.milestone);
    case "Repository":
      return repositoryObject(ref.repo, ctx.urls);
    default:
      return accountObject(ctx.urls, ref.user);
  }
}

function throwNotFound(id: string): never {
  throw nodeNotFound(id);
}
