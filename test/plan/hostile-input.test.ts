import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan, type Plan } from "../../src/plan/index.js";
import { HOSTILE_SHAPES, repeatTo, taskLine } from "./hostile-shapes.js";

/** Milliseconds one parse takes, and its plan. */
function timed(text: string): { ms: number; plan: Plan } {
  const started = performance.now();
  const plan = parsePlan(text);
  return { ms: performance.now() - started, plan };
}

/** The one diagnostic an over-cap file gets: an error, and no tasks read. */
function expectRefused(plan: Plan, line: number, words: RegExp): void {
  expect(plan.tasks).toEqual([]);
  expect(plan.diagnostics).toHaveLength(1);
  expect(plan.diagnostics[0]).toMatchObject({ severity: "error", line, column: 1 });
  expect(plan.diagnostics[0]!.message).toMatch(words);
}

/** Checklist tasks, one a line, each waiting for the next, to about `bytes`. */
function checklist(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const line = `- [ ] BE-${i} Title number ${i} (depends on BE-${i + 1})`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

describe("the reproductions of #19", () => {
  it("reads a 160 KB line of dots in a dependency note in linear time", () => {
    const { ms, plan } = timed(`- [ ] T001 Title\n  - depends on ${".".repeat(160_000)}x\n- [ ] T002 Next\n`);
    expect(plan.tasks.map((t) => t.id)).toEqual(["T001", "T002"]);
    expect(ms).toBeLessThan(2_000);
  });

  it("reads a 160 KB dependency statement of dots in linear time", () => {
    const { ms } = timed(`T001 depends on T002 ${".".repeat(160_000)}x\n`);
    expect(ms).toBeLessThan(2_000);
  });

  it("refuses 4,000 nested `> ` instead of overflowing the stack", () => {
    const { ms, plan } = timed(`# Plan\n\n${"> ".repeat(4_000)}- [ ] T001 Deep\n`);
    expectRefused(plan, 3, /4,001 levels deep.*64.*Flatten/s);
    expect(ms).toBeLessThan(2_000);
  });

  it("refuses 50,000 nested `>` at once", () => {
    const { ms, plan } = timed(`${">".repeat(50_000)}\n`);
    expectRefused(plan, 1, /50,000 levels deep/);
    expect(ms).toBeLessThan(2_000);
  });

  it("refuses 20,000 list levels on one line (`- - - -`)", () => {
    const { ms, plan } = timed(`${"- ".repeat(20_000)}x\n`);
    expectRefused(plan, 1, /20,000 levels deep/);
    expect(ms).toBeLessThan(2_000);
  });

  it("refuses 500 list levels nested by indentation (250 KB), naming the first line past the cap", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `${" ".repeat(2 * i)}- [ ] T${i + 1} level ${i + 1}`);
    const { ms, plan } = timed(lines.join("\n"));
    expectRefused(plan, 65, /500 levels deep.*line 65/s);
    expect(ms).toBeLessThan(5_000);
  });

  it("reads 1 MB of checklist lines, every task", () => {
    const text = checklist(1_000_000);
    const { plan } = timed(text);
    expect(plan.tasks.length).toBe(text.split("\n").length);
    expect(plan.tasks[0]!.dependsOn).toEqual(["BE-2"]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

/** The fastest of `runs` parses, in milliseconds: the others are the machine's noise. */
function fastest(text: string, runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) best = Math.min(best, timed(text).ms);
  return best;
}

/**
 * Generous enough for a loaded 2-core machine, where remark alone takes 170 ms a KB of one-word
 * list items; a quadratic shape at 64 KB took seconds a KB.
 */
const MS_PER_KB = 250;
const kb = (text: string) => text.length / 1024;

describe("hostile shapes parse in linear time", () => {
  // Four times the input may take at most 2.5 × 2.5 the time (2.5 per doubling); a quadratic
  // shape takes 16 times. The slack covers the shapes refused in a millisecond, where noise rules.
  it.each(Object.keys(HOSTILE_SHAPES))(
    "%s: 64 KB takes at most 6.25 times 16 KB",
    (name) => {
      const make = HOSTILE_SHAPES[name]!;
      timed(make(4_000));
      const small = make(16_000);
      const large = make(64_000);
      const smallMs = fastest(small, 3);
      const largeMs = fastest(large, 2);
      expect(largeMs).toBeLessThan(6.25 * smallMs + 20);
      expect(largeMs).toBeLessThan(MS_PER_KB * kb(large));
    },
    60_000,
  );
});

/** Pieces hostile input is made of: punctuation runs, containers, task lines and the words plansync reads. */
const PUNCTUATION = [".", ":", "-", "*", "_", "[", "]", "(", ")", "`", "<", ">", "&", "~", "!", "\\", "|", "#"];
const piece: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...PUNCTUATION), fc.integer({ min: 1, max: 5 }), fc.constantFrom("", " ", "a", "a ", "\n"))
    .map(([char, run, after]) => char.repeat(run) + after),
  fc.integer({ min: 1, max: 8 }).map((depth) => "> ".repeat(depth)),
  fc.integer({ min: 1, max: 8 }).map((depth) => "- ".repeat(depth)),
  fc.integer({ min: 0, max: 12 }).map((depth) => `\n${"  ".repeat(depth)}- `),
  fc.nat(999).map((i) => `\n${taskLine(i)}\n`),
  fc.constantFrom("depends on ", "blocks ", "**Dependencies:** ", "Epic ", "\n# Epic 1: ", "\n## Tasks\n", "[P] "),
  fc.constantFrom("(3 points)", "<!-- ", "\n```\n", "\n| a | b |\n|---|---|\n", "\n---\n", "\r\n", "\t", "\uFEFF"),
);

/** A pattern of pieces repeated to a size (the shape of an attack), or the pieces once (a messy doc). */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1_000, max: 8_000 }))
    .map(([pieces, bytes]) => repeatTo(pieces.join(""), bytes)),
  fc.array(piece, { maxLength: 400 }).map((pieces) => pieces.join("")),
);

describe("parsePlan on generated hostile input", () => {
  it("never throws, always returns a plan, and stays within its time per KB", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const { ms, plan } = timed(text);
        expect(Array.isArray(plan.tasks)).toBe(true);
        expect(Array.isArray(plan.diagnostics)).toBe(true);
        for (const d of plan.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
        expect(ms).toBeLessThan(200 + MS_PER_KB * kb(text));
      }),
      { seed: 19, numRuns: 30 },
    );
  }, 60_000);
});
