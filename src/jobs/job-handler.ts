import type { Probot } from "probot";
import type { BlobCache } from "../github/blob-cache.js";
import type { Octokit } from "../github/octokit.js";
import type { JobHandler } from "./job-backend.js";
import { guardLease } from "./lease-guard.js";
import { mergeSyncWork, mergeWriteBackWork } from "./merge-work.js";
import { runSync } from "./sync-job.js";
import { repoKey, type SyncWork, type Work, type WriteBackWork } from "./work.js";
import { runWriteBack } from "./write-back-job.js";

export interface JobDeps {
  app: Probot;
  /** The app's bot login (bot-login.ts). */
  creator: () => Promise<string | null>;
  /** Queues follow-up work: the write-backs a sync's drift sweep finds. */
  enqueue: (work: Work) => Promise<void>;
  /** Parsed plans by blob sha, shared by every job of this instance (and through Redis, of all). */
  cache?: BlobCache;
  /** Told the kinds of the operations each sync applied. */
  onApplied?: (kinds: readonly string[]) => void;
}

/**
 * What a worker runs, on either backend: an installation client of its own (never a webhook's),
 * guarded by the job's lease, then the sync or the write-back.
 */
export function createJobHandler(deps: JobDeps): JobHandler {
  return async (kind, works, signal) => {
    const first = works[0]!;
    const log = deps.app.log.child({ repo: repoKey(first), job: kind });
    const installationId = works.at(-1)!.installationId;
    const octokit = guardLease((await deps.app.auth(installationId)) as Octokit, signal);
    const creator = await deps.creator();
    if (kind === "write-back") {
      const { issues } = mergeWriteBackWork(works as WriteBackWork[]);
      return runWriteBack(octokit, { owner: first.owner, repo: first.repo }, issues, { creator, log });
    }
    const outcome = await runSync(octokit, mergeSyncWork(works as SyncWork[]), { creator, log, cache: deps.cache });
    if (outcome) deps.onApplied?.(outcome.applied);
    if (outcome && outcome.writeBacks.length > 0)
      await deps.enqueue({
        kind: "write-back",
        installationId,
        owner: first.owner,
        repo: first.repo,
        issues: outcome.writeBacks,
      });
  };
}
