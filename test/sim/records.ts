import type { GitStore } from "./git-objects.js";

/** Internal storage shapes. Presenters (present-*.ts) turn them into GitHub's JSON at response time. */

export interface SimUser {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
  /** An organisation's issue types (issue-types.ts); made on first mention. */
  issueTypes?: IssueTypeRecord[];
}

export interface IssueTypeRecord {
  id: number;
  name: string;
  isEnabled: boolean;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface MilestoneRecord {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  /** Calendar date (`YYYY-MM-DD`) in GitHub's Pacific time, or null. */
  dueOn: string | null;
  creator: SimUser;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface PullFields {
  /** The head branch; for a fork's pull request, the branch in the fork. */
  head: string;
  /** A fork's head commit, readable in this repository as `refs/pull/{number}/head`. */
  headSha?: string;
  headOwner: string;
  base: string;
  draft: boolean;
}

export interface IssueRecord {
  id: number;
  /** Pull requests have a second id of their own, as on GitHub. */
  pullId: number | null;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: string | null;
  labelIds: number[];
  milestoneNumber: number | null;
  assignees: SimUser[];
  user: SimUser;
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull: PullFields | null;
  /** Ids (not numbers) of this issue's parent, sub-issues in order, and the issues blocking it. */
  parentId?: number | null;
  subIssueIds?: number[];
  blockedByIds?: number[];
  /** The id of its issue type (issue-types.ts), or null/absent for none. */
  typeId?: number | null;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: SimUser;
  createdAt: string;
  updatedAt: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  [more: string]: unknown;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent so far: GitHub appends each request's batch. */
  annotations: Annotation[];
  /** The app that created it, GitHub's `app`: the simulator's actor is app 1, another bot (`x-sim-actor`) its own. */
  app: { id: number; slug: string };
}

export interface RepoState {
  id: number;
  owner: SimUser;
  name: string;
  private: boolean;
  defaultBranch: string;
  installationId: number;
  git: GitStore;
  /** Full ref name (`refs/heads/main`) to commit sha. */
  refs: Map<string, string>;
  protectedBranches: Set<string>;
  /** Lower-cased logins that can be assigned. */
  collaborators: Set<string>;
  /** Lower-cased logins with a repository role but not assignable here: the triage role (setRole). */
  roles?: Map<string, "read" | "triage">;
  issues: Map<number, IssueRecord>;
  nextIssueNumber: number;
  labels: LabelRecord[];
  milestones: Map<number, MilestoneRecord>;
  nextMilestoneNumber: number;
  comments: CommentRecord[];
  checkRuns: CheckRunRecord[];
  /** Entries a recursive tree listing returns before it says `truncated` (GitHub: 100,000). */
  treeListingLimit: number;
}

export const fullName = (repo: RepoState) => `${repo.owner.login}/${repo.name}`;
