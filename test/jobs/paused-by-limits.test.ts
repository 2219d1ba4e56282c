import { describe, expect, it } from "vitest";
import { WriteBudgetPause } from "../../src/github/write-budget-pause.js";
import { RetryLaterError } from "../../src/jobs/job-backend.js";
import { pausedByLimits } from "../../src/jobs/paused-by-limits.js";

describe("pausedByLimits: a write-back or preview stopped by a limit is paused, not failed", () => {
  it("turns GitHub's secondary limit (403 with retry-after) into a pause of that long", async () => {
    const limited = Object.assign(new Error("You have exceeded a secondary rate limit"), {
      status: 403,
      response: { headers: { "retry-after": "120" } },
    });
    const error = await pausedByLimits("o/r", () => Promise.reject(limited)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).delayMs).toBe(120_000);
  });

  it("turns the write budget's pause into a pause until the budget frees", async () => {
    const pause = new WriteBudgetPause(90_000, "POST /repos/o/r/git/commits");
    const error = await pausedByLimits("o/r", () => Promise.reject(pause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).delayMs).toBe(90_000);
  });

  it("lets any other failure through unchanged, so the job is retried with backoff", async () => {
    const failure = Object.assign(new Error("Server Error"), { status: 502 });
    await expect(pausedByLimits("o/r", () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
