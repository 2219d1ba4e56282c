import type { CreatedIssue } from "./find-created-issue.js";
import type { GraphqlClient } from "./graphql-client.js";
import type { RepoRef } from "./octokit.js";
import { forRepository } from "./write-budget-plugin.js";

/** GitHub's `CreateIssueInput`, as plansync fills it: every name already turned into a node id. */
export interface CreateIssueInput {
  repositoryId: string;
  title: string;
  body: string;
  labelIds: string[];
  milestoneId?: string;
  assigneeIds: string[];
  /** The issue this one is created under: GitHub links it in the same step, appended last. */
  parentIssueId?: string;
  /** Its issue type (an organisation's `IssueType` node), set in the same step. */
  issueTypeId?: string;
}

interface CreatedNode {
  id: string;
  number: number;
  /** GitHub's numeric id, which the REST link endpoints take; a BigInt, sent as a string. */
  fullDatabaseId: string | number;
}

/**
 * Doc text travels in the `$input` variable, never spliced into the query, so no title or body
 * can change what is asked. The mutation's name is plansync's, for GitHub's logs.
 */
const CREATE_ISSUE = `mutation PlansyncCreateIssue($input: CreateIssueInput!) {
  createIssue(input: $input) { issue { id number fullDatabaseId } }
}`;

/**
 * Creates one issue in `repo` through GraphQL, already under its parent, with its labels,
 * milestone and assignees: one write. A GraphQL error answer is thrown as octokit's GraphqlResponseError
 * (write-policy.ts classifies it), unless GitHub made the issue anyway and says so in `data`.
 */
export async function graphqlCreateIssue(
  graphql: GraphqlClient,
  input: CreateIssueInput,
  repo: RepoRef,
): Promise<CreatedIssue> {
  try {
    // `forRepository`: the write budget counts the create under `repo`, with its REST writes.
    const data = await graphql<{ createIssue: { issue: CreatedNode | null } | null }>(CREATE_ISSUE, {
      input,
      ...forRepository(repo),
    });
    return createdIssue(data.createIssue?.issue);
  } catch (error) {
    const issue = (error as { data?: { createIssue?: { issue?: CreatedNode | null } | null } }).data?.createIssue
      ?.issue;
    if (issue) return createdIssue(issue);
    throw error;
  }
}

/**
 * An answer without an issue is no answer GitHub documents: the outcome is unknown (this error
 * has no status, so the write policy looks for the issue before sending again).
 */
function createdIssue(issue: CreatedNode | null | undefined): CreatedIssue {
  const id = Number(issue?.fullDatabaseId);
  if (!issue || !Number.isSafeInteger(id) || !Number.isInteger(issue.number))
    throw new Error(`GitHub's createIssue answered without the issue it made (${JSON.stringify(issue ?? null)})`);
  return { number: issue.number, id, nodeId: issue.id };
}
