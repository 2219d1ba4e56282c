import { CONFIG_PATH } from "../github/load-config.js";
import { mayTouchPlans, touchedPaths, type PushCommit } from "../sync/plan-paths.js";
import type { SyncWork } from "./work.js";

/** GitHub lists at most this many commits in a push payload; a longer push is scanned whole. */
const LISTED_COMMITS = 20;

/** The parts of a `push` event (webhook or workflow payload) a sync is decided on. */
export interface PushEvent {
  ref: string;
  after: string;
  deleted?: boolean;
  forced?: boolean;
  commits?: readonly PushCommit[] | null;
  repository?: { default_branch?: string; html_url?: string };
}

/**
 * A push's sync, for every door. A force-push may rewind the branch: what it took away is in no
 * commit's list, so it is a full scan; so is a push that changed the config, or listed too many
 * commits. `listsFiles` is false for a workflow's push payload, whose commits carry no file lists
 * (github-facts.md): its files are read from the Action's synced record (synced-ref.ts) instead.
 * Null when the push asks for nothing: a deleted branch, a tag, or (from the lists) no markdown
 * and no config touched, which costs not even a job.
 */
export function pushSyncWork(
  push: PushEvent,
  target: { installationId: number; owner: string; repo: string },
  { listsFiles }: { listsFiles: boolean },
): SyncWork | null {
  if (push.deleted || !push.ref.startsWith("refs/heads/")) return null;
  const listed = listsFiles ? (push.commits ?? []) : [];
  const commits = listed.map(({ added, modified, removed }) => ({ added, modified, removed }));
  const configChanged = touchedPaths(commits).includes(CONFIG_PATH);
  const incomplete = push.forced === true || commits.length >= LISTED_COMMITS;
  if (listsFiles && !incomplete && !mayTouchPlans(commits, CONFIG_PATH)) return null;
  return {
    kind: "sync",
    ...target,
    branch: push.ref.slice("refs/heads/".length),
    commits: configChanged || incomplete ? null : commits,
    after: push.after,
    defaultBranch: push.repository?.default_branch,
    htmlUrl: push.repository?.html_url,
  };
}
