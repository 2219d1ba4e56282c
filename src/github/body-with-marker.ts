import { GITHUB_LIMITS } from "../sync/github-limits.js";
import { replaceMarker } from "../sync/marker.js";
import type { Marker } from "../sync/sync-types.js";
import type { Octokit, RepoRef } from "./octokit.js";

/**
 * The issue's body as it is now, re-read, with `marker` put in place of its marker; undefined
 * when that changes nothing. A marker-only update is built on this, never on a body read earlier,
 * so a human's edit since then (a line, a tick) is kept: only plansync's bytes change.
 */
export async function bodyWithMarker(
  octokit: Octokit,
  repo: RepoRef,
  issue_number: number,
  marker: Marker,
): Promise<string | undefined> {
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number });
  const current = data.body ?? "";
  const body = replaceMarker(current, marker);
  // Past GitHub's cap (a body a human grew to the limit) the whole update would be refused, the
  // state change with it: the marker waits, and no text of theirs is cut to make room.
  if (body.length > GITHUB_LIMITS.issueBody) return undefined;
  return body === current ? undefined : body;
}
