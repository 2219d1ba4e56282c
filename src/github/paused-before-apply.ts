import type { Logger } from "probot";
import { checkReport } from "../sync/check-report.js";
import type { Reporter } from "./reporter.js";
import type { SyncOutcome, SyncTarget } from "./sync-repo.js";
import { describeError, rateLimitWaitMs } from "./write-policy.js";

/**
 * A sync that GitHub's rate limit (or plansync's write budget) stops before it applies anything:
 * with `ids.assign`, the commit numbering ID-less tasks is its first write, made while deciding.
 * Reported and resumed as a pause from applyOperations is (a neutral check run, the job deferred
 * by `resumeAfterMs`), never as a failure: nothing was written, and the resume decides afresh.
 * Null when `error` is not a rate limit: the caller throws it.
 */
export async function pausedBeforeApply(
  reporter: Reporter,
  target: SyncTarget,
  error: unknown,
  log: Logger,
): Promise<SyncOutcome | null> {
  const waitMs = rateLimitWaitMs(error, Date.now());
  if (waitMs === null) return null;
  log.warn({ failure: describeError(error), resumeInMs: waitMs }, "Rate limited before applying; resuming later");
  const report = checkReport({
    htmlUrl: target.htmlUrl,
    done: [],
    pending: [],
    dryRun: false,
    failure: describeError(error),
    pausedForMs: waitMs,
    resumes: { at: Date.now() + waitMs },
    resumedBy: reporter.resumedBy,
    files: [],
    notes: [],
  });
  let reportError: unknown;
  try {
    await reporter.synced(target.sha, report, { changed: true, problems: 0 });
  } catch (thrown) {
    reportError = thrown;
    log.error({ err: thrown }, "The paused sync's report could not be delivered");
  }
  return {
    ...(reportError !== undefined && { reportError }),
    report,
    writes: 0,
    applied: [],
    failed: true,
    resumeAfterMs: waitMs,
    writeBacks: [],
    skippedRemovals: [],
    sha: target.sha,
  };
}
