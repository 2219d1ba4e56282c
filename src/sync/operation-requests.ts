import type { Operation } from "./sync-types.js";

/** The content-creating requests one operation sends, and how many of them notify (octokit spaces those 3 s apart). */
export interface OperationRequests {
  requests: number;
  notifying: number;
}

/**
 * What applying `op` sends to GitHub, request by request, as src/github/apply-operations.ts and
 * src/github/apply-links.ts (and create-issue.ts) send it: the write budget admits requests, not
 * operations, so the ETA (sync-eta.ts) counts these. Keep it in step with those files.
 *
 * - create-issue: one GraphQL `createIssue`, already under its parent. Where GraphQL cannot (an
 *   old Enterprise Server) a child takes two, the REST create and its link: not counted, as it is
 *   not known before the sync runs.
 * - update-issue: one PATCH for its fields (title, body or marker, milestone, state), one POST
 *   for the labels added, one DELETE per label removed, one each for assignees added and removed.
 * - set-blocked-by: one request per blocker added or removed.
 * - order-sub-issues: one move per child out of place; at least one, which is what is counted.
 * - the rest: one each.
 */
export function requestsOf(op: Operation): OperationRequests {
  switch (op.kind) {
    case "create-issue":
    case "comment":
    case "link-sub-issue":
    case "unlink-sub-issue":
    case "order-sub-issues":
      return { requests: 1, notifying: 1 };
    case "update-issue": {
      const fields = [op.title, op.body, op.marker, op.milestone, op.state, op.stateReason].some(
        (f) => f !== undefined,
      );
      const requests =
        (fields ? 1 : 0) +
        (op.labels?.add.length ? 1 : 0) +
        (op.labels?.remove.length ?? 0) +
        (op.assignees?.add.length ? 1 : 0) +
        (op.assignees?.remove.length ? 1 : 0);
      return { requests, notifying: 0 };
    }
    case "set-blocked-by":
      return { requests: op.add.length + op.remove.length, notifying: 0 };
    case "create-label":
    case "create-milestone":
    case "update-milestone":
    case "add-project-item":
    case "set-project-field":
      return { requests: 1, notifying: 0 };
  }
}

/** The requests of every operation, summed. */
export function requestsOfAll(operations: readonly Operation[]): OperationRequests {
  let requests = 0;
  let notifying = 0;
  for (const op of operations) {
    const one = requestsOf(op);
    requests += one.requests;
    notifying += one.notifying;
  }
  return { requests, notifying };
}
