import { rateLimitWaitMs } from "../github/write-policy.js";
import { RetryLaterError } from "./job-backend.js";

/**
 * Work that GitHub's rate limit (or plansync's write budget, while a large sync of the
 * installation spends the hour) stops is paused, not failed: it spends no attempt and runs again
 * when the limit frees. A write-back or a preview, and a sync stopped where syncRepo has no report
 * for it (a rate-limited read): a sync stopped while writing returns its pause in its outcome.
 */
export async function pausedByLimits<T>(repo: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const waitMs = rateLimitWaitMs(error, Date.now());
    if (waitMs === null) throw error;
    throw new RetryLaterError(waitMs, `GitHub's rate limit paused the work on ${repo}`);
  }
}
