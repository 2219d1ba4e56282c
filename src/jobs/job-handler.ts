import type { Logger, Probot } from "probot";
import type { BlobCache } from "../github/blob-cache.js";
import { installedRepos } from "../github/installation-repos.js";
import type { Octokit } from "../github/octokit.js";
import { redeliverFailed } from "../github/redeliver-failed.js";
import { checkRunReporter } from "../github/check-run-reporter.js";
import { describeError } from "../github/write-policy.js";
import { pausedByLimits } from "./paused-by-limits.js";
import { RetryLaterError, SyncStoppedError, type JobHandler } from "./job-backend.js";
import { guardLease } from "./lease-guard.js";
import { mergePreviewWork, mergeSyncWork, mergeWriteBackWork } from "./merge-work.js";
import { runPreviews } from "./preview-job.js";
import { runSync } from "./sync-job.js";
import { repoKey, type AppWork, type PreviewWork, type SyncWork, type Work, type WriteBackWork } from "./work.js";
import { runWriteBack } from "./write-back-job.js";

export interface JobDeps {
  app: Probot;
  /** The app's bot login (bot-login.ts). */
  creator: () => Promise<string | null>;
  /** Queues follow-up work: the write-backs a sync's drift sweep finds, the syncs a reconcile asks for. */
  enqueue: (work: Work) => Promise<void>;
  /** True the first time any instance claims `name` within `ttlMs` (JobBackend.claimOnce). */
  claimOnce: (name: string, ttlMs: number) => Promise<boolean>;
  /** Parsed plans by blob sha, shared by every job of this instance (and through Redis, of all). */
  cache?: BlobCache;
  /** Told the kinds of the operations each sync applied. */
  onApplied?: (kinds: readonly string[]) => void;
  /** Told how many failed deliveries were sent again. */
  onRedelivered?: (count: number) => void;
}

/**
 * What a worker runs, on either backend. Repository work gets an installation client of its own
 * (a new one per job, never a webhook's), guarded by the job's lease; app-wide work uses the
 * app's JWT client.
 */
export function createJobHandler(deps: JobDeps): JobHandler {
  return async (kind, works, signal, run) => {
    if (kind === "redeliver") return redeliver(deps, works as AppWork[]);
    if (kind === "reconcile") return reconcileAll(deps);
    const first = works[0] as SyncWork | WriteBackWork | PreviewWork;
    const repo = { owner: first.owner, repo: first.repo };
    const log = deps.app.log.child({ repo: repoKey(first), job: kind });
    const installationId = (works.at(-1) as SyncWork | WriteBackWork | PreviewWork).installationId;
    const octokit = guardLease((await deps.app.auth(installationId)) as Octokit, signal);
    const creator = await deps.creator();
    if (kind === "preview")
      return pausedByLimits(repoKey(first), () =>
        runPreviews(octokit, mergePreviewWork(works as PreviewWork[]), { creator, log, cache: deps.cache }),
      );
    if (kind === "write-back") {
      const { issues } = mergeWriteBackWork(works as WriteBackWork[]);
      return pausedByLimits(repoKey(first), () => runWriteBack(octokit, repo, issues, { creator, log }));
    }
    // The check run of a sync that stops part-way says when this job tries it again.
    const reporter = checkRunReporter(octokit, repo, { next: run });
    const outcome = await pausedByLimits(repoKey(first), () =>
      runSync(octokit, mergeSyncWork(works as SyncWork[]), { creator, log, cache: deps.cache, reporter }),
    );
    if (!outcome) return;
    deps.onApplied?.(outcome.applied);
    // Queued before a pause or a failure is thrown: the write-backs owed do not wait for the rest.
    const owed = [...new Set([...outcome.writeBacks, ...(outcome.boardWriteBacks ?? [])])];
    if (owed.length > 0) await deps.enqueue({ kind: "write-back", installationId, ...repo, issues: owed });
    if (outcome.resumeAfterMs !== undefined)
      throw new RetryLaterError(outcome.resumeAfterMs, `GitHub's rate limit paused the sync of ${repoKey(first)}`);
    // A sync that did not apply everything it decided is not done: failing the job makes the
    // backend retry it with backoff (a pause above spends no attempt; this does).
    if (outcome.failed) {
      const stopped = outcome.report.stopped;
      throw new SyncStoppedError(
        repoKey(first),
        stopped?.applied ?? outcome.writes,
        stopped?.left ?? [],
        stopped?.failure ?? "GitHub failed a request",
      );
    }
    // Everything was applied and the write-backs are queued; only the check run is missing. The
    // job fails so its retry posts it (check-run-reporter.ts reports on a retry even when nothing
    // is left to change), on the branch as it then is: a sync that acted is never left unreported.
    if (outcome.reportError !== undefined)
      throw new Error(
        `The sync of ${repoKey(first)} at ${outcome.sha.slice(0, 7)} applied everything, but its check run could not be posted ` +
          `(${describeError(outcome.reportError)}); the job is retried to post it.`,
        { cause: outcome.reportError },
      );
  };
}

/**
 * Unguarded by the lease: `app.auth()` returns Probot's one shared app client, which must carry
 * no job's hook, and the claim per event (not the lease) is what keeps a redelivery single.
 */
async function redeliver(deps: JobDeps, works: AppWork[]): Promise<void> {
  const lookbacks = works.map((w) => w.lookbackMs ?? Infinity);
  const octokit = (await deps.app.auth()) as Octokit;
  const log: Logger = deps.app.log.child({ job: "redeliver" });
  const sent = await redeliverFailed(octokit, {
    now: Date.now(),
    lookbackMs: Math.max(...lookbacks),
    claimOnce: deps.claimOnce,
    log,
  });
  deps.onRedelivered?.(sent);
}

/** Queues a full sync of every installed repository; each runs as its own job, under its own lock. */
async function reconcileAll(deps: JobDeps): Promise<void> {
  const repos = await installedRepos(deps.app);
  for (const { installationId, owner, repo, ownerKind } of repos)
    await deps.enqueue({
      kind: "sync",
      installationId,
      owner,
      repo,
      branch: null,
      commits: null,
      ...(ownerKind && { ownerKind }),
    });
  deps.app.log.info({ repositories: repos.length }, "Reconcile: queued a full sync of every installed repository");
}
