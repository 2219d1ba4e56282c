/** How every plansync client (the app's, the CLI's, the Action's) waits out GitHub's rate limits. */

/** Retries after GitHub's secondary limit (its `retry-after`), and after the hourly quota runs out. */
const SECONDARY_RETRIES = 3;
const QUOTA_RETRIES = 2;

interface ThrottledRequest {
  method: string;
  url: string;
}

/** Told of each wait: which limit, and how many seconds. */
type RateLimitListener = (limit: "secondary" | "primary", retryAfterSeconds: number) => void;
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
 * The throttling handlers every plansync client uses: wait out secondary limits and an exhausted
 * quota a few times (telling each rate-limit listener how long), then give up so the caller can
 * resume later from GitHub's state.
 */
export function throttleHandlers() {
  return {
    onSecondaryRateLimit: (retryAfter: number, request: ThrottledRequest, octokit: Logging, retryCount: number) =>
      shouldWait("secondary", retryAfter, request, octokit, retryCount < SECONDARY_RETRIES),
    onRateLimit: (retryAfter: number, request: ThrottledRequest, octokit: Logging, retryCount: number) =>
      shouldWait("primary", retryAfter, request, octokit, retryCount < QUOTA_RETRIES),
  };
}

function shouldWait(
  limit: "secondary" | "primary",
  retryAfter: number,
  request: ThrottledRequest,
  octokit: Logging,
  retry: boolean,
): boolean {
  const what = limit === "secondary" ? "Secondary rate limit" : "Rate limit exhausted";
  octokit.log.warn(
    `${what} on ${request.method} ${request.url}; ${retry ? `retrying in ${retryAfter} s` : "giving up"}`,
  );
  if (retry) rateLimitListeners.forEach((listener) => listener(limit, retryAfter));
  return retry;
}
