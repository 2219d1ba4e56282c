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
  const copies: Copy[] = [];
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const key = markerKey(issue.marker, scoper);
    const owner = owners.get(key);
    if (owner) copies.push({ copy: issue, owner, key });
    else owners.set(key, issue);
  }
  return { owners, copies };
}

export interface Copy {
  copy: RemoteIssue;
  owner: RemoteIssue;
  key: string;
}

/**
 * Where several issues claim one task, the one made for the task the doc has under that key owns
 * it, whatever its age: the others are a copy, or an issue half-way through a move whose sync
 * died (two folders that swapped names), which scope-moves.ts may still follow. Returns the
 * copies against the owners kept; `owners` is updated in place.
 */
export function keepHolders(
  owners: Map<string, RemoteIssue>,
  copies: readonly Copy[],
  holds: (key: string, issue: RemoteIssue) => boolean,
): Copy[] {
  const kept: Copy[] = [];
  for (const key of new Set(copies.map((c) => c.key))) {
    const claimants = [owners.get(key)!, ...copies.filter((c) => c.key === key).map((c) => c.copy)];
    const owner = claimants.find((c) => holds(key, c)) ?? claimants[0]!;
    owners.set(key, owner);
    for (const copy of claimants.filter((c) => c !== owner)) kept.push({ copy, owner, key });
  }
  return kept;
}

/**
 * Each copy is closed as a duplicate of the owner, with one comment, and stops being managed:
 * its marker and the `plansync` label go, so no later sync or write-back acts on it again.
 */
export function closeCopies(copies: readonly Copy[]): Operation[] {
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
