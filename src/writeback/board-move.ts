import type { MarkTarget } from "../plan/mark-target.js";
import type { StatusRole } from "../sync/board-types.js";
import type { IssueState, Marker } from "../sync/sync-types.js";

const STATUS_ROLES: readonly string[] = ["todo", "inProgress", "done"];

/** What a card's Status move asks of the doc and the issue. */
export interface BoardMove {
  /** The card's Status now: the marker records it as agreed once the doc is written. */
  status: StatusRole;
  /** The issue's state once doc, issue and board agree. */
  state: IssueState;
  /** The doc's mark. */
  target: MarkTarget;
}

/**
 * Three-way: only a Status that moved away from the one the marker records as agreed counts; a
 * card never agreed on (no `board.f.status`, or a value edited into something else) is the
 * sync's to set, not a move. When the issue's state moved too (a human closed or reopened it),
 * the state decides ticked or not, and the board only whether an open task is `[~]` or `[ ]`
 * (a Done card on a reopened issue leaves its mark as it is). Otherwise the board decides
 * everything: Done closes the issue, Todo and In Progress reopen it.
 */
export function boardMove(state: IssueState, marker: Marker, status: StatusRole | null): BoardMove | null {
  const agreed = marker.board?.f.status;
  if (status === null || typeof agreed !== "string" || !STATUS_ROLES.includes(agreed) || status === agreed) return null;
  if (state !== marker.state) {
    if (state === "closed") return { status, state, target: "done" };
    return { status, state, target: status === "done" ? "open" : status };
  }
  return status === "done" ? { status, state: "closed", target: "done" } : { status, state: "open", target: status };
}
