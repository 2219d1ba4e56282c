import { ProbotOctokit } from "probot";
import { conditionalRequests } from "./conditional-requests.js";
import { sharedWriteSlots } from "./shared-write-slots.js";
import { throttleHandlers } from "./throttle-handlers.js";
import { writePolicy } from "./write-policy.js";
import { writeBudget } from "./write-budget-plugin.js";

export { onRateLimitWait } from "./throttle-handlers.js";

/**
 * Probot's Octokit with plansync's write policy (no blind retries of creates; see write-policy.ts),
 * conditional requests (re-reads of unchanged resources answered by free 304s; conditional-requests.ts)
 * and throttling that waits out secondary rate limits instead of giving up:
 * Probot's own handler only logs them, which would stop every large first sync part-way. The
 * function form is required: Probot overwrites a `throttle` object given any other way.
 * With Redis, the pacing slots a killed instance held free within seconds (shared-write-slots.ts).
 * Each installation's content-creating writes keep within GitHub's hourly limit (write-budget-plugin.ts).
 * Conditional requests come last, so they wrap outside retries and throttling and see a 304 once.
 */
export const PlansyncOctokit = ProbotOctokit.plugin(writePolicy, writeBudget, conditionalRequests).defaults(
  (options: Record<string, any>) => ({
    ...options,
    throttle: { ...options.throttle, ...throttleHandlers(), ...sharedWriteSlots(options.throttle ?? {}) },
  }),
);
