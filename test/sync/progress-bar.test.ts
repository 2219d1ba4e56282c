import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkReport } from "../../src/sync/check-report.js";
import { milestoneBar, progressBar } from "../../src/sync/progress-bar.js";

const cells = (bar: string) => bar.split(" ")[0]!;
const filled = (bar: string) => [...cells(bar)].filter((c) => c === "▓").length;
const percent = (bar: string) => Number(/ (\d+)%$/.exec(bar)![1]);

describe("progressBar", () => {
  it("draws the fraction done as cells and a percentage", () => {
    expect(progressBar(0.3, 20)).toBe("▓▓▓▓▓▓░░░░░░░░░░░░░░ 30%");
    expect(progressBar(0, 10)).toBe("░░░░░░░░░░ 0%");
    expect(progressBar(1, 10)).toBe("▓▓▓▓▓▓▓▓▓▓ 100%");
    expect(progressBar(0.5, 4)).toBe("▓▓░░ 50%");
  });

  it("never shows 100% before all is done, nor 0% once something is", () => {
    expect(progressBar(999 / 1000, 20)).toBe("▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓░ 99%");
    expect(progressBar(1 / 1000, 20)).toBe("▓░░░░░░░░░░░░░░░░░░░ 1%");
  });

  it("reads nonsense as the nearest sense: NaN and below 0 as nothing, above 1 as all, width at least 2", () => {
    expect(progressBar(Number.NaN, 5)).toBe("░░░░░ 0%");
    expect(progressBar(-1, 5)).toBe("░░░░░ 0%");
    expect(progressBar(7, 5)).toBe("▓▓▓▓▓ 100%");
    expect(progressBar(0.5, 0)).toBe("▓░ 50%");
  });

  it("has width cells, grows with the fraction, and is full or empty only at the ends", () => {
    const fraction = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(fraction, fraction, fc.integer({ min: 2, max: 80 }), (a, b, width) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const bar = progressBar(low, width);
        expect([...cells(bar)]).toHaveLength(width);
        expect(filled(bar)).toBeLessThanOrEqual(filled(progressBar(high, width)));
        expect(percent(bar)).toBeLessThanOrEqual(percent(progressBar(high, width)));
        expect(filled(bar) === width).toBe(low === 1);
        expect(percent(bar) === 100).toBe(low === 1);
        expect(filled(bar) === 0).toBe(low === 0);
        expect(percent(bar) === 0).toBe(low === 0);
      }),
    );
  });
});

describe("the check run's milestone bars", () => {
  it("shows one bar per milestone, counted in tasks, with the tasks and points after it", () => {
    expect(milestoneBar({ tasks: 10, done: 3, points: 21, donePoints: 8 })).toBe(
      "▓▓▓▓▓▓░░░░░░░░░░░░░░ 30% · 3 of 10 tasks done · 8 of 21 points",
    );
    const progress = new Map([
      ["M1 Core API", { tasks: 10, done: 3, points: 21, donePoints: 8 }],
      ["M2 | Billing", { tasks: 1, done: 0, points: 0, donePoints: 0 }],
    ]);
    const report = checkReport({
      htmlUrl: "https://github.com/o/r",
      done: [],
      pending: [],
      dryRun: false,
      files: [],
      notes: [],
      progress,
    });
    expect(report.summary).toContain(
      [
        "Milestones, as the docs stand:",
        "- M1 Core API: ▓▓▓▓▓▓░░░░░░░░░░░░░░ 30% · 3 of 10 tasks done · 8 of 21 points",
        "- M2 \\| Billing: ░░░░░░░░░░░░░░░░░░░░ 0% · 0 of 1 task done",
      ].join("\n"),
    );
  });
});
