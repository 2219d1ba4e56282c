import { describe, expect, it } from "vitest";
import { deliveriesToRedeliver, type DeliveryAttempt } from "../../src/jobs/missed-deliveries.js";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const HOUR = 3600_000;
let nextId = 1;
function attempt(guid: string, hoursAgo: number, status: number, redelivery = false): DeliveryAttempt {
  return {
    id: nextId++,
    guid,
    delivered_at: new Date(NOW - hoursAgo * HOUR).toISOString(),
    redelivery,
    status_code: status,
  };
}

describe("which failed deliveries to redeliver", () => {
  it("takes each failed event once, its latest attempt, oldest event first", () => {
    const a1 = attempt("a", 5, 502);
    const b1 = attempt("b", 4, 0);
    const a2 = attempt("a", 3, 500);
    expect(deliveriesToRedeliver([a2, b1, a1], NOW).map((d) => d.id)).toEqual([b1.id, a2.id]);
  });

  it("leaves an event that succeeded, or that was already redelivered, however that went", () => {
    const attempts = [
      attempt("ok", 2, 200),
      attempt("later-ok", 3, 502),
      attempt("later-ok", 2, 202),
      attempt("tried", 3, 502),
      attempt("tried", 2, 502, true),
    ];
    expect(deliveriesToRedeliver(attempts, NOW)).toEqual([]);
  });

  it("stays inside GitHub's 3-day window and the lookback asked for", () => {
    const old = attempt("old", 72, 500);
    const recent = attempt("recent", 1, 500);
    const middle = attempt("middle", 10, 500);
    expect(deliveriesToRedeliver([old, recent, middle], NOW).map((d) => d.guid)).toEqual(["recent", "middle"]);
    expect(deliveriesToRedeliver([old, recent, middle], NOW, 2 * HOUR).map((d) => d.guid)).toEqual(["recent"]);
  });
});
