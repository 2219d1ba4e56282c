import { graphqlClient } from "./graphql-client.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { describeError } from "./write-policy.js";

/** One query: the owner's kind and its enabled types (an organisation has at most 25). */
const ISSUE_TYPES = `query PlansyncIssueTypes($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    owner { __typename }
    issueTypes(first: 25) { nodes { id name isEnabled } }
  }
}`;

interface Answer {
  repository?: {
    owner?: { __typename?: string } | null;
    issueTypes?: { nodes?: ({ id?: string; name?: string; isEnabled?: boolean } | null)[] | null } | null;
  } | null;
}

/**
 * The issue types the repository's owner defines, by name to node id; null for a user-owned
 * repository. Undefined when they cannot be read (no GraphQL, an older server, an error): the
 * sync then leaves types alone rather than fail, and says why in the log.
 */
export async function readIssueTypes(octokit: Octokit, repo: RepoRef): Promise<Map<string, string> | null | undefined> {
  const graphql = graphqlClient(octokit);
  if (!graphql) return undefined;
  try {
    const data = await graphql<Answer>(ISSUE_TYPES, { owner: repo.owner, name: repo.repo });
    if (data.repository?.owner?.__typename !== "Organization") return null;
    const types = new Map<string, string>();
    for (const node of data.repository.issueTypes?.nodes ?? [])
      if (node?.isEnabled && typeof node.id === "string" && typeof node.name === "string")
        types.set(node.name, node.id);
    return types;
  } catch (error) {
    octokit.log.warn(
      `plansync could not read the organisation's issue types (${describeError(error)}); issue types are left as they are this sync`,
    );
    return undefined;
  }
}
