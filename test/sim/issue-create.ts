import type { IssueRecord, RepoState, SimUser } from "./records.js";
import type { SimState } from "./sim-state.js";

/** What a new issue starts with, already resolved against the repository by the caller. */
export interface NewIssue {
  title: string;
  body?: string | null;
  labelIds?: number[];
  milestoneNumber?: number | null;
  assignees?: SimUser[];
  /** The author; the app's own account (the simulator's actor) when omitted. */
  user?: SimUser;
}

/**
 * Stores a new open issue under the repository's next number: the one step REST
 * `POST /repos/{o}/{r}/issues` and GraphQL `createIssue` share, so both number, stamp and author
 * issues alike whichever API the app writes through.
 */
export function insertIssue(state: SimState, repo: RepoState, fields: NewIssue): IssueRecord {
  const now = state.timestamp();
  const issue: IssueRecord = {
    id: state.nextId(),
    pullId: null,
    number: repo.nextIssueNumber++,
    title: fields.title,
    body: fields.body ?? null,
    state: "open",
    stateReason: null,
    labelIds: fields.labelIds ?? [],
    milestoneNumber: fields.milestoneNumber ?? null,
    assignees: fields.assignees ?? [],
    user: fields.user ?? state.actor,
    comments: 0,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: null,
  };
  repo.issues.set(issue.number, issue);
  return issue;
}
