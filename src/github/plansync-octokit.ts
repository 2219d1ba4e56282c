import { ProbotOctokit } from "probot";
import { sharedWriteSlots } from "./shared-write-slots.js";
import { throttleHandlers } from "./throttle-handlers.js";
import { writePolicy } from "./write-policy.js";

export { onRateLimitWait } from "./throttle-handlers.js";

/**
 * Probot's Octokit with plansync's write policy (no blind retries of creates; see write-policy.ts)
 * and throttling that waits out secondary rate limits instead of giving up:
 * Probot's own handler only logs them, which would stop every large first sync part-way. The
 * function form is required: Probot overwrites a `throttle` object given any other way.
 * With Redis, the pacing slots a killed instance held free within seconds (shared-write-slots.ts).
 */
export const PlansyncOctokit = ProbotOctokit.plugin(writePolicy).defaults((options: Record<string, any>) => ({
  ...options,
  throttle: { ...options.throttle, ...throttleHandlers(), ...sharedWriteSlots(options.throttle ?? {}) },
}));
