import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatePlan } from "../../bench/generate-plan.js";
import { parsePlan } from "../../src/plan/index.js";
import { planFixtures } from "../fixture-files.js";

interface Expected {
  milestone: { title: string; dueOn: string | null; state: string } | null;
  tasks: {
    id: string;
    title: string;
    checked: boolean | null;
    points: number | null;
    line: number;
    section: string[];
    parent: string | null;
    /** Checked only when the expected file names them. */
    inProgress?: boolean;
    optional?: boolean;
    dependsOn?: string[];
    fields?: Record<string, string>;
    labels?: string[];
    body?: string;
  }[];
  diagnosticCodes: string[];
  /** The texts of ID-less checkbox items in task sections, when the expected file lists them. */
  unassigned?: string[];
}

/** Each fixture has an expected file written by hand from the format rules, compared field by field. */
describe("fixtures parse to their expected plans", () => {
  for (const { name, path, source } of planFixtures()) {
    const expectedPath = path.replace(/\.md$/, ".expected.json");
    if (!existsSync(expectedPath)) continue;
    const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Expected;
    const plan = parsePlan(source);

    describe(name, () => {
      it("has the expected milestone", () => {
        const milestone = plan.milestone && {
          title: plan.milestone.title,
          dueOn: plan.milestone.dueOn,
          state: plan.milestone.state,
        };
        expect(milestone).toEqual(expected.milestone);
      });

      it("has the expected task IDs in order", () => {
        expect(plan.tasks.map((t) => t.id)).toEqual(expected.tasks.map((t) => t.id));
      });

      it.each(expected.tasks.map((t) => [t.id, t] as const))("reads %s field by field", (id, want) => {
        const task = plan.tasks.find((t) => t.id === id)!;
        expect(task.title).toBe(want.title);
        expect(task.checked).toBe(want.checked);
        expect(task.points).toBe(want.points);
        expect(task.line).toBe(want.line);
        expect(task.section).toEqual(want.section);
        expect(task.parent).toBe(want.parent);
        expect(task.milestone).toBe(expected.milestone?.title ?? null);
        if (want.inProgress !== undefined) expect(task.inProgress).toBe(want.inProgress);
        if (want.optional !== undefined) expect(task.optional).toBe(want.optional);
        if (want.dependsOn !== undefined) expect(task.dependsOn).toEqual(want.dependsOn);
        if (want.fields !== undefined) expect(task.fields).toEqual(want.fields);
        if (want.labels !== undefined) expect(task.labels).toEqual(want.labels);
        if (want.body !== undefined) expect(task.body).toBe(want.body);
      });

      it.runIf(expected.unassigned !== undefined)("lists its ID-less task-section items", () => {
        expect(plan.unassigned.map((u) => u.text)).toEqual(expected.unassigned);
      });

      it("reports the expected errors and warnings", () => {
        const codes = plan.diagnostics.filter((d) => d.severity !== "info").map((d) => d.code);
        expect(codes).toEqual(expected.diagnosticCodes);
      });
    });
  }
});

describe("the large fixture", () => {
  it("is the benchmark generator's 2,000-task plan, and parses whole", () => {
    const source = readFileSync(new URL("../../fixtures/plans/large.md", import.meta.url), "utf8");
    expect(source).toBe(generatePlan(2000));
    const plan = parsePlan(source);
    expect(plan.tasks).toHaveLength(2000);
    expect(plan.tasks[1999]).toMatchObject({
      id: "GEN-2000",
      checked: true,
      section: ["Milestone: Backend: generated - M9.1 - Large plan", "Phase 4", "Epic 40"],
    });
  });

  it("is parsed in pieces, with every position still relative to the whole file", () => {
    const source = readFileSync(new URL("../../fixtures/plans/large.md", import.meta.url), "utf8");
    const lines = source.split("\n");
    for (const task of parsePlan(source).tasks) {
      expect(lines[task.line - 1]).toContain(`**[${task.id}]**`);
      expect(source.slice(task.checkbox.markOffset! - 3, task.checkbox.markOffset! - 1)).toBe("- ");
    }
  });
});
