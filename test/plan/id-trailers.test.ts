import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";
import { setTaskState } from "../../src/plan/set-task-state.js";

const only = (source: string) => {
  const { tasks } = parsePlan(source);
  expect(tasks).toHaveLength(1);
  return tasks[0]!;
};

describe("TODO.md tails (aidevops)", () => {
  it("reads tags, estimate and fields off the end and keeps the tail in the body", () => {
    const task = only(
      "- [ ] t010 Evaluate caching #perf #infra → [todo/PLANS.md#caching] ~4h (ai:2h test:1h) logged:2025-12-21\n",
    );
    expect(task.id).toBe("t010");
    expect(task.title).toBe("Evaluate caching");
    expect(task.tags).toEqual(["perf", "infra"]);
    expect(task.estimate).toBe("4h");
    expect(task.fields).toEqual({ ai: "2h", test: "1h", logged: "2025-12-21" });
    expect(task.body).toBe("#perf #infra → [todo/PLANS.md#caching] ~4h (ai:2h test:1h) logged:2025-12-21");
  });

  it.each([
    ["~30m", "30m"],
    ["~1.5h", "1.5h"],
    ["~2d", "2d"],
  ])("reads the estimate %s", (written, estimate) => {
    const task = only(`- [ ] t020 Write the page ${written}\n`);
    expect(task.estimate).toBe(estimate);
    expect(task.title).toBe("Write the page");
    expect(task.body).toBe("");
  });

  it.each([
    ["an issue number", "- [ ] t030 Fix the crash #123\n", "Fix the crash #123"],
    ["a tag in code", "- [ ] t030 Rename `#perf`\n", "Rename #perf"],
    ["a tag in a link", "- [ ] t030 Read [#perf](https://example.com)\n", "Read #perf"],
    ["a tag mid-sentence", "- [ ] t030 Mark #perf items first\n", "Mark #perf items first"],
  ])("reads no tag from %s", (_, source, title) => {
    const task = only(source);
    expect(task.title).toBe(title);
    expect(task.tags).toBeUndefined();
  });

  it("fills the fixture's fields", () => {
    const plan = parsePlan(readFileSync(new URL("../../fixtures/plans/todo-aidevops.md", import.meta.url), "utf8"));
    expect(plan.tasks.map((t) => [t.id, t.tags ?? [], t.estimate ?? null])).toEqual([
      ["t010", ["perf", "infra"], "4h"],
      ["t011", ["observability"], "30m"],
      ["t012", [], "1.5h"],
      ["t012.1", [], null],
      ["t013", ["infra"], "2d"],
      ["t001", ["chore"], "1h"],
    ]);
  });
});

describe("ID identity ignores case", () => {
  it("reads t010 and T010 as one task, the first as written", () => {
    const plan = parsePlan("- [ ] t010 Cache\n- [ ] T010 Cache\n- [ ] t011 Index (depends on T010)\n");
    expect(plan.tasks.map((t) => [t.id, t.dependsOn])).toEqual([
      ["t010", []],
      ["t011", ["T010"]],
    ]);
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["warning", "repeated-task", 2]]);
  });

  it("keeps a different task under one ID a duplicate-id error", () => {
    const plan = parsePlan("- [ ] t010 Cache\n- [x] T010 Index\n");
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["error", "duplicate-id", 2]]);
  });

  it("compares configured prefixes without case", () => {
    const plan = parsePlan("- [ ] be-001 a\n- [ ] FE-001 b\n- [ ] BE-002 c\n", { idPrefixes: ["Be"] });
    expect(plan.tasks.map((t) => t.id)).toEqual(["be-001", "BE-002"]);
  });

  it("ticks a task looked up in another case, changing only its mark", () => {
    expect(setTaskState("- [ ] t010 Cache\n", "T010", true)).toBe("- [x] t010 Cache\n");
  });

  it("names the grammar in the malformed-id warning", () => {
    const [warning] = parsePlan("- [ ] **BE-XX** Broken\n").diagnostics;
    expect(warning).toMatchObject({ severity: "warning", code: "malformed-id", line: 1 });
    expect(warning!.message).toContain("letters and digits joined by -, . or _ with at least one digit");
  });
});
