import type { Plan } from "../plan/index.js";
import type { BoardMarker, BoardState, ProjectFieldValue } from "./board-types.js";

/** One planning document as read at the synced commit. */
export interface PlanFile {
  path: string;
  plan: Plan;
}

/** What plansync read from the docs for this sync. */
export interface DocsSnapshot {
  owner: string;
  repo: string;
  /** The commit the docs were read at; issue bodies link to lines at this commit. */
  sha: string;
  /** The repository's web URL (GitHub Enterprise has its own host). */
  htmlUrl: string;
  files: PlanFile[];
  /**
   * Every path whose contents this snapshot knows: the parsed files and the deleted ones.
   * A managed issue whose task came from one of these and is found in none of `files` was removed.
   */
  coveredPaths: ReadonlySet<string>;
  /**
   * True when `files` holds every plan file in the repository (installation sync, or a full rescan):
   * then an issue whose task is in none of them is gone, whether its file was deleted, renamed or
   * is no longer a plan path.
   */
  complete: boolean;
  /**
   * True when a full scan was tried and could not list the whole tree (a monorepo beyond the
   * listing budget): removals are then judged only in the files read, and no rescan is asked for.
   */
  exhausted?: boolean;
}

export type IssueState = "open" | "closed";

/** What the hidden marker in a managed issue's body records. */
export interface Marker {
  id: string;
  /**
   * Where the ID is unique (task-scope.ts): a folder such as `specs/001-photo-albums`, null for
   * the repository; absent in markers written before scopes, which are adopted by their file.
   */
  scope?: string | null;
  file: string;
  /** The state the doc and the issue last agreed on. */
  state: IssueState;
  /** Hash of the doc-derived content last written, so a human's edit survives until the doc changes. */
  hash: string;
  /**
   * The checklist ticks doc and issue last agreed on, one `x` or space per item in order; absent
   * in markers written before checklists were tracked.
   */
  checks?: string;
  /**
   * The IDs of the tasks plansync made "blocked by" links to, from the doc: only these are ever
   * removed, so a link a human added is never touched. Absent when plansync made none.
   */
  deps?: string[];
  /** True for an epic's issue: its state follows its stories, and it owes the doc no write-back. */
  epic?: boolean;
  /** A hash of the order of its sub-issues in the doc, when it has several: a new order is applied once. */
  order?: string;
  /**
   * An adopted issue (adoption.ts): its body is its author's, so plansync only ever rewrites the
   * marker line in it, and its task list is not the doc's checklist.
   */
  adopted?: boolean;
  /**
   * The issue type doc and issue last agreed on (`Task`, `Epic`), null when agreed on none; absent
   * in markers written before types. A human's change of type stands until the doc's kind changes.
   */
  type?: string | null;
  /** The project card's values doc and board last agreed on; absent when the task has no board. */
  board?: BoardMarker;
}

export interface RemoteIssue {
  number: number;
  /** GitHub's numeric id: sub-issue and dependency endpoints take it, not the number. */
  id: number;
  /** GitHub's node id (`node_id`), which GraphQL takes: a child created under this issue names it. */
  nodeId?: string;
  /** The number of its parent issue (from `parent_issue_url`), or null. */
  parent: number | null;
  /** Its sub-issues, closed ones included (`sub_issues_summary.total`). */
  subIssues: number;
  /** The issues blocking it (`issue_dependencies_summary.total_blocked_by`). */
  blockedBy: number;
  title: string;
  body: string;
  state: IssueState;
  labels: string[];
  milestone: string | null;
  assignees: string[];
  marker: Marker;
  /** Its issue type's name, null for none; absent when types were not read. */
  type?: string | null;
  /** Closed as not planned (GitHub's `state_reason`): how a removal closes a task's issue. */
  notPlanned?: true;
  /** Set when this sync adopts the issue (adoption.ts): its marker and label are written first. */
  adopting?: boolean;
}

/** A marked issue that is not plansync's (issue-ownership.ts): ignored, and listed in the check run. */
export interface ClaimingIssue {
  number: number;
  author: string;
  /** The task ID and file its marker names. */
  id: string;
  file: string;
  /** It has the `plansync` label, which only people with triage rights can add. */
  labelled: boolean;
}

/** An open issue plansync does not manage whose title leads with an ID (adoption.ts). */
export interface CandidateIssue extends Omit<RemoteIssue, "marker" | "adopting"> {
  author: string;
  /** Its author can push: only then may it be adopted (an adopted issue's author steers its task). */
  canPush: boolean;
}

export interface RemoteMilestone {
  number: number;
  title: string;
  /** Calendar date `YYYY-MM-DD` as GitHub stores it, or null. */
  dueOn: string | null;
  state: IssueState;
  description: string;
}

export interface RemoteState {
  issues: RemoteIssue[];
  milestones: RemoteMilestone[];
  /** Labels known to exist (seen on managed issues or created earlier). */
  labels: ReadonlySet<string>;
  /** Marked issues that are not plansync's, as far as they were listed. */
  claiming?: ClaimingIssue[];
  /** Adoption candidates; only listed when a sync would create issues (read-remote-state.ts). */
  candidates?: CandidateIssue[];
  /** The Projects boards the docs name, read only when some task has one (read-board.ts). */
  board?: BoardState;
  /**
   * The issue types the repository's organisation defines, by name; null for a user-owned
   * repository; absent when types were not read.
   */
  issueTypes?: ReadonlyMap<string, string> | null;
}

/** Names to add to an issue's labels or assignees, and names to take off; the rest stay. */
export interface NameChanges {
  add: string[];
  remove: string[];
}

/** An issue named either by number or, before it exists, by the task that will create it. */
export type IssueRef = { number: number } | { taskId: string };

/** The task's issue by number when it exists, else by the task whose create makes it in this sync. */
export function issueRef(key: string, owners: ReadonlyMap<string, { number: number }>): IssueRef {
  const owner = owners.get(key);
  return owner ? { number: owner.number } : { taskId: key };
}

export type Operation =
  | { kind: "create-label"; name: string; color: string; description: string }
  | { kind: "create-milestone"; title: string; dueOn: string | null; state: IssueState; description: string }
  | {
      kind: "update-milestone";
      number: number;
      title: string;
      /** A date, or null to clear it; absent to leave it. */
      dueOn?: string | null;
      state?: IssueState;
      description?: string;
    }
  | {
      kind: "create-issue";
      taskId: string;
      title: string;
      body: string;
      labels: string[];
      milestone: string | null;
      assignees: string[];
      /** The issue type to create it with, by name, when the organisation defines it. */
      type?: string;
      /**
       * The issue this one is created under, already linked (fuse-creates.ts): an existing issue,
       * or one whose create comes earlier in the operations. Its task, for reports.
       */
      parent?: { issue: IssueRef; taskId: string };
    }
  | {
      kind: "update-issue";
      issue: IssueRef;
      taskId: string;
      /** Why, in words, for the check run and the log. */
      reason: string;
      title?: string;
      /** The whole body, re-rendered from the doc: its content changed. */
      body?: string;
      /**
       * Set when the body changes only in plansync's marker: `body` is then that change made to
       * the body as the sync read it, for reports. The update re-reads the issue and puts this
       * marker into its current body, so a human's edit made meanwhile is kept.
       */
      marker?: Marker;
      /** Labels to add and to remove, one by one: labels a human set meanwhile stay. */
      labels?: NameChanges;
      milestone?: string | null;
      /** Assignees to add and to remove, one by one: a human's assignees stay. */
      assignees?: NameChanges;
      state?: IssueState;
      stateReason?: "completed" | "not_planned" | "reopened" | "duplicate";
      /** The issue type to set, by name (REST takes `type` by name); plansync never removes one. */
      type?: string;
    }
  | { kind: "comment"; issue: IssueRef; taskId: string; body: string }
  | {
      /** Puts the issue on a project board; GitHub returns the existing card when it is there. */
      kind: "add-project-item";
      issue: IssueRef;
      taskId: string;
      /** The project's key (`orgs/acme/7`) and node id. */
      project: string;
      projectId: string;
    }
  | {
      /** Sets one field of the issue's card, or clears it (`value` null). */
      kind: "set-project-field";
      issue: IssueRef;
      taskId: string;
      project: string;
      projectId: string;
      fieldId: string;
      /** The field's name on the board, for reports. */
      field: string;
      value: ProjectFieldValue | null;
    }
  | {
      kind: "link-sub-issue";
      parent: IssueRef;
      child: IssueRef;
      /** The child's task and its parent's, for reports. */
      taskId: string;
      parentTaskId: string;
      /** True when the child moves from another managed parent (`replace_parent`). */
      replace: boolean;
    }
  | { kind: "unlink-sub-issue"; parent: { number: number }; child: { number: number }; taskId: string }
  | {
      /** Puts the parent's sub-issues in the doc's order, moving only those out of place. */
      kind: "order-sub-issues";
      parent: { number: number };
      taskId: string;
      children: IssueRef[];
    }
  | {
      kind: "set-blocked-by";
      issue: IssueRef;
      taskId: string;
      /** Blockers to link, and those plansync linked that left the doc, to unlink. */
      add: { ref: IssueRef; taskId: string }[];
      remove: { number: number; taskId: string }[];
      /** False for an issue created in this sync: it has no links yet, so none are read. */
      read: boolean;
    };
