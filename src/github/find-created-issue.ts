import { MANAGED_LABEL } from "../sync/desired-issue.js";
import { readMarker } from "../sync/marker.js";
import type { Marker } from "../sync/sync-types.js";
import type { Octokit, RepoRef } from "./octokit.js";

/** An issue a create made: its number, GitHub's numeric id (link endpoints) and node id (GraphQL). */
export interface CreatedIssue {
  number: number;
  id: number;
  nodeId: string | undefined;
  /** When found by its marker: the number of the issue it is a sub-issue of, or null. */
  parent?: number | null;
}

/**
 * After a create whose outcome is unknown (a 5xx, a timeout, a dropped connection), through REST
 * or GraphQL alike: the newest managed issues, looked through for the marker the create carried.
 * An issue GraphQL created under its parent was linked in the same step, so a found one needs
 * no link.
 */
export async function findCreatedIssue(
  octokit: Octokit,
  repo: RepoRef,
  sentBody: string,
): Promise<CreatedIssue | null> {
  const sent = readMarker(sentBody);
  if (!sent) return null;
  const { data } = await octokit.rest.issues.listForRepo({
    ...repo,
    labels: MANAGED_LABEL,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 30,
  });
  const found = data.find((issue) => !issue.pull_request && sameTask(readMarker(issue.body), sent));
  if (!found) return null;
  return { number: found.number, id: found.id, nodeId: found.node_id, parent: parentOf(found) };
}

/** The parent's number from `parent_issue_url`, when it is in the same repository. */
function parentOf(issue: { parent_issue_url?: string | null; repository_url: string }): number | null {
  const prefix = `${issue.repository_url}/issues/`;
  if (!issue.parent_issue_url?.startsWith(prefix)) return null;
  const number = Number(issue.parent_issue_url.slice(prefix.length));
  return Number.isInteger(number) && number > 0 ? number : null;
}

/** Same ID in the same scope (an absent scope is the repository's). */
function sameTask(found: Marker | null, sent: Marker): boolean {
  return found !== null && found.id === sent.id && (found.scope ?? null) === (sent.scope ?? null);
}
