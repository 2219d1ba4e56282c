import type { GraphqlClient } from "./graphql-client.js";
import type { Octokit } from "./octokit.js";

/**
 * Which GraphQL client reads and writes boards for a sync's client. By default its own; the
 * Action's GITHUB_TOKEN cannot reach organisation projects, so the Action's `project-token`
 * input gives boards a client of their own (same plugins and write budget: token-octokit.ts).
 */
const boardClients = new WeakMap<object, GraphqlClient>();

/** Board requests made for `octokit` go through `boards` instead. */
export function useBoardClient(octokit: Octokit, boards: Octokit): void {
  const graphql = (boards as { graphql?: GraphqlClient }).graphql;
  if (typeof graphql === "function") boardClients.set(octokit, graphql);
}

/** The client boards use for `octokit`; null when there is no GraphQL at all (Projects v2 are GraphQL only). */
export function boardGraphql(octokit: Octokit): GraphqlClient | null {
  const own = (octokit as { graphql?: GraphqlClient }).graphql;
  return boardClients.get(octokit) ?? (typeof own === "function" ? own : null);
}
