import { CONFIG_PATH } from "../github/load-config.js";
import { ownerKindField } from "../github/owner-kind.js";
import { mayTouchPlans, touchedPaths, type PushCommit } from "../sync/plan-paths.js";
import type { SyncWork } from "./work.js";

/** GitHub lists at most this many commits in a push payload; a longer push is scanned whole. */
const LISTED_COMMITS = 20;

/** The parts of a `push` event (webhook or workflow payload) a sync is decided on. */
export interface PushEvent {
  ref: string;
  before?: string;
  after: string;
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
  commits?: readonly PushCommit[] | null;
  repository?: { default_branch?: string; html_url?: string; owner?: { type?: unknown } | null };
}

/**
 * A push's sync, for every door. A force-push may rewind the branch: what it took away is in no
 * commit's list, so it is a full scan; so is a push that created the branch (`created`, or a
 * `before` of zeros: it may be at any commit, even an older one after a delete, with an empty
 * list of commits), one that changed the config, or one that listed too many commits. The config
 * is read at the default branch, so a change to it there is a full scan of the synced branch,
 * whichever `branch:` names (`branch: null`). `listsFiles` is false for a workflow's push
 * payload, whose commits carry no file lists (github-facts.md): its files are read from the
 * Action's synced record (synced-ref.ts) instead. `configPath` is the config loader's
 * (load-config.ts). Null when the push asks for nothing: a deleted branch, a tag, or (from the
 * lists) no markdown and no config touched, which costs not even a job.
 */
export function pushSyncWork(
  push: PushEvent,
  target: { installationId: number; owner: string; repo: string },
  { listsFiles, configPath = CONFIG_PATH }: { listsFiles: boolean; configPath?: string },
): SyncWork | null {
  if (push.deleted || !push.ref.startsWith("refs/heads/")) return null;
  const branch = push.ref.slice("refs/heads/".length);
  const listed = listsFiles ? (push.commits ?? []) : [];
  const commits = listed.map(({ added, modified, removed }) => ({ added, modified, removed }));
  const configChanged = touchedPaths(commits).includes(configPath);
  const created = push.created === true || /^0+$/.test(push.before ?? "");
  const incomplete = push.forced === true || created || commits.length >= LISTED_COMMITS;
  if (listsFiles && !incomplete && !mayTouchPlans(commits, configPath)) return null;
  const configOnDefault = configChanged && branch === push.repository?.default_branch;
  return {
    kind: "sync",
    ...target,
    branch: configOnDefault ? null : branch,
    commits: configChanged || incomplete ? null : commits,
    after: push.after,
    defaultBranch: push.repository?.default_branch,
    htmlUrl: push.repository?.html_url,
    ...ownerKindField(push.repository?.owner?.type),
  };
}
