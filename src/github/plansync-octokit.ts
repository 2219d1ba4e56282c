import { ProbotOctokit } from "probot";
import { writePolicy } from "./write-policy.js";

/** Retries after GitHub's secondary limit (its `retry-after`), and after the hourly quota runs out. */
const SECONDARY_RETRIES = 3;
const QUOTA_RETRIES = 2;

interface ThrottledRequest {
  method: string;
  url: string;
}

type RateLimitListener = (limit: "secondary" | "primary") => void;
const rateLimitListeners = new Set<RateLimitListener>();

/** Tells `listener` of every rate-limit wait in this process (for metrics); returns the unsubscribe. */
export function onRateLimitWait(listener: RateLimitListener): () => void {
  rateLimitListeners.add(listener);
  return () => rateLimitListeners.delete(listener);
}

interface Logging {
  log: { warn(message: string): void };
}

/**
 * Probot's Octokit with plansync's write policy (no blind retries of creates; see write-policy.ts)
 * and throttling that waits out secondary rate limits instead of giving up:
 * Probot's own handler only logs them, which would stop every large first sync part-way. The
 * function form is required: Probot overwrites a `throttle` object given any other way.
 */
export const PlansyncOctokit = ProbotOctokit.plugin(writePolicy).defaults((options: Record<string, any>) => ({
  ...options,
  throttle: {
    ...options.throttle,
    onSecondaryRateLimit: (retryAfter: number, request: ThrottledRequest, octokit: Logging, retryCount: number) => {
      octokit.log.warn(
        `Secondary rate limit on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter} s`,
      );
      const retry = retryCount < SECONDARY_RETRIES;
      if (retry) rateLimitListeners.forEach((listener) => listener("secondary"));
      return retry;
    },
    onRateLimit: (retryAfter: number, request: ThrottledRequest, octokit: Logging, retryCount: number) => {
      octokit.log.warn(
        `Rate limit exhausted on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter} s`,
      );
      const retry = retryCount < QUOTA_RETRIES;
      if (retry) rateLimitListeners.forEach((listener) => listener("primary"));
      return retry;
    },
  },
}));
