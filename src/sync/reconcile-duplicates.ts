import { markerKey, type Scoper } from "./task-scope.js";
import { MANAGED_LABEL } from "./desired-issue.js";
import { removeMarker } from "./marker.js";
import type { Operation, RemoteIssue } from "./sync-types.js";

/**
 * Splits managed issues into one owner per task ID (the oldest) and the copies: what a blind
 * retry of a create, or a crash between a create and its answer, may have left behind.
 */
export function ownersAndCopies(issues: readonly RemoteIssue[], scoper: Scoper) {
  const owners = new Map<string, RemoteIssue>();
  const copies: { copy: RemoteIssue; owner: RemoteIssue; key: string }[] = [];
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const key = markerKey(issue.marker, scoper);
    const owner = owners.get(key);
    if (owner) copies.push({ copy: issue, owner, key });
    else owners.set(key, issue);
  }
  return { owners, copies };
}

/**
 * Each copy is closed as a duplicate of the owner, with one comment, and stops being managed:
 * its marker and the `plansync` label go, so no later sync or write-back acts on it again.
 */
export function closeCopies(copies: readonly { copy: RemoteIssue; owner: RemoteIssue; key: string }[]): Operation[] {
  return copies.flatMap(({ copy, owner, key }) => {
    const ref = { number: copy.number };
    const taskId = key;
    const update: Operation = {
      kind: "update-issue",
      issue: ref,
      taskId,
      reason: `duplicate of #${owner.number}`,
      body: removeMarker(copy.body, `<!-- plansync: duplicate of #${owner.number} -->`),
      ...(copy.labels.includes(MANAGED_LABEL) && { labels: { add: [], remove: [MANAGED_LABEL] } }),
      ...(copy.state === "open" && { state: "closed" as const, stateReason: "duplicate" as const }),
    };
    if (copy.state === "closed") return [update];
    const body = `This is a second issue for ${taskId}; #${owner.number} is the one plansync keeps in sync with the doc. Closing this copy as a duplicate: it is no longer managed.`;
    return [{ kind: "comment", issue: ref, taskId, body }, update];
  });
}
