import { describe, expect, it } from "vitest";
import { checkSettings, jobSettings, MAX_TIMER_MS, SettingsError } from "../../src/app/job-settings.js";

/** The problems checkSettings finds in `env`, none when it passes. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    checkSettings(env);
    return [];
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return error.problems;
  }
}

const tooLong = (name: string, raw: string, unit: string, unset: string) =>
  `${name} is "${raw}"; the most allowed is 2147483647 (${unit}): Node's timers wait at most that long (about 24.8 days) and fire at once past it. Unset, it is ${unset}. Lower or unset it.`;

// A delay past 2^31-1 ms makes Node's timer fire after 1 ms: a 30-day interval would run every millisecond.
describe("millisecond settings past Node's timer range (2^31-1 ms, about 24.8 days)", () => {
  it("a 30-day RECONCILE_INTERVAL_MS stops the start, saying the most allowed", () => {
    const raw = String(30 * 24 * 3600 * 1000);
    expect(problems({ RECONCILE_INTERVAL_MS: raw })).toEqual([
      tooLong("RECONCILE_INTERVAL_MS", raw, "milliseconds; 0 turns it off", "86400000"),
    ]);
  });

  it("every millisecond setting refuses 2^31 and takes 2^31-1", () => {
    const names = {
      SHUTDOWN_TIMEOUT_MS: ["milliseconds", "60000"],
      JOB_LEASE_MS: ["milliseconds", "10000"],
      REDELIVER_INTERVAL_MS: ["milliseconds; 0 turns it off", "900000"],
      JOB_BACKOFF_MS: ["milliseconds", "10000"],
      WRITE_BACK_DELAY_MS: ["milliseconds", "10000"],
      PARSE_TIMEOUT_MS: ["milliseconds", "30000"],
    } as const;
    for (const [name, [unit, unset]] of Object.entries(names)) {
      expect(problems({ [name]: "2147483648" }), name).toEqual([tooLong(name, "2147483648", unit, unset)]);
      // JOB_BACKOFF_MS at the limit allows one retry only: its own cap below.
      expect(problems({ [name]: String(MAX_TIMER_MS), JOB_ATTEMPTS: "2" }), name).toEqual([]);
    }
  });

  it("JOB_ATTEMPTS is capped so the doubled backoff of its last retry stays within the limit", () => {
    // Default backoff 10 s: the 19th try's retry waits 10 s × 2^17 = 1 310 720 000 ms; a 20th would wait 2 621 440 000.
    expect(problems({ JOB_ATTEMPTS: "19" })).toEqual([]);
    const expected =
      "JOB_ATTEMPTS is 20 with JOB_BACKOFF_MS 10000: the last retry would wait 10000 × 2^18 ms, past the most a timer can wait " +
      "(2147483647 ms, about 24.8 days). With this backoff, set JOB_ATTEMPTS to at most 19, or lower JOB_BACKOFF_MS.";
    expect(problems({ JOB_ATTEMPTS: "20" })).toEqual([expected]);
    expect(() => jobSettings({ JOB_ATTEMPTS: "20" })).toThrow(expected);
    // No backoff: no wait to overflow, any number of tries.
    expect(problems({ JOB_ATTEMPTS: "1000", JOB_BACKOFF_MS: "0" })).toEqual([]);
    expect(jobSettings({ JOB_ATTEMPTS: "19" }).attempts).toBe(19);
  });
});
