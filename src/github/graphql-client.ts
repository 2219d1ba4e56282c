import type { Octokit as RestOctokit } from "@octokit/rest";
import type { Octokit } from "./octokit.js";

/** Octokit's GraphQL client: it sends through `octokit.request`, so every request hook applies to it. */
export type GraphqlClient = RestOctokit["graphql"];

/**
 * Clients whose host's GraphQL API lacks what plansync sends (a GitHub Enterprise Server older
 * than `parentIssueId`, or none at all), with what GitHub said. Known for the rest of the
 * client's life: every later create through it goes to REST at once. A client is a job's (the
 * app makes one per event), so a sync finds out again with the one node id query it makes
 * anyway, and an upgraded server is used as soon as it can.
 */
const unsupported = new WeakMap<object, string>();

/**
 * The client's GraphQL API, or null when plansync must use REST: its host is known to lack what
 * plansync sends, or the client has no GraphQL (a client built without it).
 */
export function graphqlClient(octokit: Octokit): GraphqlClient | null {
  const client = (octokit as Partial<Pick<RestOctokit, "graphql">>).graphql;
  if (typeof client !== "function" || unsupported.has(octokit)) return null;
  return client;
}

/**
 * Remembers that this client's host lacks what plansync sends (`why`, GitHub's words), and says
 * so in the log: at info level, as a server that old says so on every sync that creates issues.
 */
export function markGraphqlUnsupported(octokit: Octokit, why: string): void {
  if (unsupported.has(octokit)) return;
  unsupported.set(octokit, why);
  octokit.log.info(
    `GitHub's GraphQL API cannot create an issue under its parent here (${why}); ` +
      "plansync creates issues through REST, then links each sub-issue with a second request.",
  );
}
