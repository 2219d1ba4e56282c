import { describe, expect, it } from "vitest";
import { rateLimitWaitMs } from "../../src/github/write-policy.js";

const NOW = 1_800_000_000_000;
const failure = (status: number, headers: Record<string, string>, message = "x") =>
  Object.assign(new Error(message), { status, response: { headers } });

describe("how long GitHub asks a stopped sync to wait", () => {
  it("reads retry-after, then the quota's reset, then the secondary-limit message", () => {
    expect(rateLimitWaitMs(failure(403, { "retry-after": "120" }), NOW)).toBe(120_000);
    expect(rateLimitWaitMs(failure(429, { "retry-after": "0" }), NOW)).toBe(1_000);
    const reset = String(NOW / 1000 + 1800);
    expect(rateLimitWaitMs(failure(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }), NOW)).toBe(
      1_800_000,
    );
    expect(rateLimitWaitMs(failure(403, {}, "You have exceeded a secondary rate limit"), NOW)).toBe(60_000);
  });

  it("is null for failures that are not rate limits", () => {
    expect(rateLimitWaitMs(failure(403, {}, "Resource not accessible by integration"), NOW)).toBeNull();
    expect(rateLimitWaitMs(failure(500, { "retry-after": "5" }), NOW)).toBeNull();
    expect(rateLimitWaitMs(new Error("socket hang up"), NOW)).toBeNull();
  });
});
