import { describe, expect, it } from "vitest";
import { parsePlan, setTaskState } from "../../src/plan/index.js";

/**
 * The `status:` line write-back edits is found by text (task-file-keys.ts), while the state is
 * read from the YAML (gray-matter). Where the two disagree, write-back either writes nothing (a
 * reopen on GitHub is never written, so the doc keeps `Done` and the next sync closes the issue
 * again, reverting the person's reopen) or writes a file whose YAML no longer parses.
 */
const lines = (...front: string[]) => ["---", "id: task-3", "title: X", ...front, "---", "", "Body", ""].join("\n");

describe("write-back when the status line's text is not its YAML value", () => {
  it("reopening a status written with an anchor (`status: &s Done`) writes an open status", () => {
    const before = lines("status: &s Done");
    expect(parsePlan(before).tasks[0]!.checked).toBe(true);
    const after = setTaskState(before, "task-3", false);
    expect(parsePlan(after).tasks[0]?.checked).toBe(false);
  });

  it("reopening a status written as a folded block scalar writes an open status", () => {
    const before = lines("status: >-", "  Done");
    expect(parsePlan(before).tasks[0]!.checked).toBe(true);
    const after = setTaskState(before, "task-3", false);
    expect(parsePlan(after).tasks[0]?.checked).toBe(false);
  });

  it('closing a file whose status key is quoted (`"status": To Do`) leaves valid YAML, one status key', () => {
    const before = lines('"status": To Do');
    expect(parsePlan(before).tasks[0]!.checked).toBe(false);
    const after = setTaskState(before, "task-3", true);
    const plan = parsePlan(after);
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
    expect(plan.tasks[0]?.checked).toBe(true);
  });

  it("closing edits the real status key, not a `status:` continuation line of a multi-line quoted title", () => {
    const before = lines('title2: "Ship it', 'status: later"', "status: To Do");
    expect(parsePlan(before).tasks[0]!.checked).toBe(false);
    const after = setTaskState(before, "task-3", true);
    const plan = parsePlan(after);
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
    expect(plan.tasks[0]?.checked).toBe(true);
  });
});
