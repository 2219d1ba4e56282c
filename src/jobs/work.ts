import type { OwnerKind } from "../github/owner-kind.js";
import type { PushCommit } from "../sync/plan-paths.js";

/**
 * What a job is asked to do, as plain data that survives a restart and crosses instances: no
 * Octokit, no webhook context. The worker makes its own installation client from
 * `installationId`. ID assignment (`ids.assign`) is the first step of a sync, under the same
 * repository lock, because the sync must read the commit that numbers the tasks.
 */
export type Work = SyncWork | WriteBackWork | PreviewWork | AppWork;

export type JobKind = Work["kind"];

interface RepoWork {
  installationId: number;
  owner: string;
  repo: string;
}

export interface SyncWork extends RepoWork {
  kind: "sync";
  /** The pushed branch; null for "the synced branch", as an installation or a reconcile asks. */
  branch: string | null;
  /** The push's commit lists, whose plan files are read; null to scan every plan file. */
  commits: PushCommit[] | null;
  /** The pushed commit, when a push asked. */
  after?: string;
  /** From the push payload, saving a read; read from GitHub when absent. */
  defaultBranch?: string;
  htmlUrl?: string;
  /** The repository owner's kind, from the payload when it says (owner-kind.ts). */
  ownerKind?: OwnerKind;
}

export interface WriteBackWork extends RepoWork {
  kind: "write-back";
  /** Issues whose state or ticks may have left their doc's boxes; each is re-read when the job runs. */
  issues: number[];
}

/** A pull request's head to preview: what merging it would do to the issues. */
export interface PullToPreview {
  number: number;
  headSha: string;
  /** The branch it would merge into; only a pull request into the synced branch is previewed. */
  baseRef: string;
  /** The head is another repository's (a fork): its preview reads nothing outside this one. */
  fork?: boolean;
}

export interface PreviewWork extends RepoWork {
  kind: "preview";
  pull: PullToPreview;
  defaultBranch: string;
  htmlUrl: string;
  ownerKind?: OwnerKind;
}

/**
 * Work of the app as a whole, made with its JWT: redelivering the webhooks GitHub failed to
 * deliver, and reconciling every installation's repositories. It runs on one instance at a time.
 */
export interface AppWork {
  kind: "redeliver" | "reconcile";
  /** For redeliver: how far back to look, in ms (at most GitHub's 3 days); the whole window when absent. */
  lookbackMs?: number;
}

/** What app-wide work is locked and keyed by in place of a repository (no `owner/repo` lacks its slash). */
export const APP_SCOPE = "app";

/** `owner/repo`: the unit of exclusivity. */
export function repoKey(work: { owner: string; repo: string }): string {
  return `${work.owner}/${work.repo}`;
}

/** Work with the same key is merged into one run: a burst of pushes makes one sync. */
export function workKey(work: Work): string {
  return `${work.kind}:${"repo" in work ? repoKey(work) : APP_SCOPE}`;
}

/** The kind a work key was made from. */
export function kindOf(key: string): JobKind {
  return key.slice(0, key.indexOf(":")) as JobKind;
}

/** The repository (`owner/repo`) a work key was made from. */
export function repoOf(key: string): string {
  return key.slice(key.indexOf(":") + 1);
}

/**
 * A pull request whose head is in another repository, or in one since deleted (GitHub then sends
 * no head repository): its preview reads nothing outside the base repository.
 */
export function isForkPull(pull: {
  head: { repo?: { full_name: string } | null };
  base: { repo: { full_name: string } };
}): boolean {
  return pull.head.repo?.full_name.toLowerCase() !== pull.base.repo.full_name.toLowerCase();
}
