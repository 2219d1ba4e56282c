import type { OwnerKind } from "../github/owner-kind.js";
import type { PushCommit } from "../sync/plan-paths.js";
import type { PreviewWork, PullToPreview, SyncWork, WriteBackWork } from "./work.js";

/** Several pushes' sync work, as one sync of the repository at its head. */
export interface MergedSync {
  installationId: number;
  owner: string;
  repo: string;
  /** Branches the pushes landed on; null stands for the synced branch. */
  branches: (string | null)[];
  /** Every push's commits in arrival order, or null when any asked for a full scan. */
  commits: PushCommit[] | null;
  /** The newest pushed commit, for reports when the head cannot be read. */
  after?: string;
  defaultBranch?: string;
  htmlUrl?: string;
  ownerKind?: OwnerKind;
}

/** Pure: merges sync work for one repository, in arrival order (the newest decides installation and head). */
export function mergeSyncWork(works: readonly SyncWork[]): MergedSync {
  const last = works.at(-1);
  if (!last) throw new Error("mergeSyncWork needs at least one piece of work");
  const full = works.some((w) => w.commits === null);
  return {
    installationId: last.installationId,
    owner: last.owner,
    repo: last.repo,
    branches: [...new Set(works.map((w) => w.branch))],
    commits: full ? null : works.flatMap((w) => w.commits ?? []),
    after: [...works].reverse().find((w) => w.after)?.after,
    defaultBranch: works.find((w) => w.defaultBranch)?.defaultBranch,
    htmlUrl: works.find((w) => w.htmlUrl)?.htmlUrl,
    ownerKind: works.find((w) => w.ownerKind)?.ownerKind,
  };
}

/** Pure: the issues of every write-back asked for, once each, in ascending order. */
export function mergeWriteBackWork(works: readonly WriteBackWork[]): { installationId: number; issues: number[] } {
  const last = works.at(-1);
  if (!last) throw new Error("mergeWriteBackWork needs at least one piece of work");
  const issues = [...new Set(works.flatMap((w) => w.issues))].sort((a, b) => a - b);
  return { installationId: last.installationId, issues };
}

/** Pure: each pull request once, at the head it was last seen at (a newer push supersedes). */
export function mergePreviewWork(works: readonly PreviewWork[]): { last: PreviewWork; pulls: PullToPreview[] } {
  const last = works.at(-1);
  if (!last) throw new Error("mergePreviewWork needs at least one piece of work");
  const byNumber = new Map(works.map((w) => [w.pull.number, w.pull]));
  return { last, pulls: [...byNumber.values()] };
}
