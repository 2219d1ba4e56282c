import { describe, expect, it } from "vitest";
import { parsePlan, type Plan } from "../../src/plan/index.js";

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

/** `count` checklist tasks, one a line, each waiting for the next. */
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
