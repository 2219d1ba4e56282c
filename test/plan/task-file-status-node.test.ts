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

describe("write-back edits only the status node's own bytes", () => {
  it("keeps an anchor, rewrites a block scalar or an alias as one plain value, and keeps every other byte", () => {
    expect(setTaskState(lines("status: &s Done", "other: *s"), "task-3", false)).toBe(
      lines("status: &s To Do", "other: *s"),
    );
    expect(setTaskState(lines("status: >-", "  Done", "labels: [a]"), "task-3", false)).toBe(
      lines("status: To Do", "labels: [a]"),
    );
    expect(setTaskState(lines("base: &b Done", "status: *b # shared"), "task-3", false)).toBe(
      lines("base: &b Done", "status: To Do # shared"),
    );
    expect(setTaskState(lines('"status": To Do'), "task-3", true)).toBe(lines('"status": Done'));
    expect(setTaskState(lines("status: !!str To Do"), "task-3", true)).toBe(lines("status: !!str Done"));
  });

  it("reads a folded CRLF block scalar and keeps the line endings around it", () => {
    const before = lines("status: >-", "  Done", "labels: [a]").replace(/\n/g, "\r\n");
    expect(setTaskState(before, "task-3", false)).toBe(lines("status: To Do", "labels: [a]").replace(/\n/g, "\r\n"));
  });

  it("warns about frontmatter only a lenient YAML reader accepts, and still writes the one status it located", () => {
    const before = lines('title2: "Ship it', 'status: later"', "status: To Do");
    expect(parsePlan(before).diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["warning", "not-strict-yaml", 4],
    ]);
    expect(setTaskState(before, "task-3", true)).toBe(lines('title2: "Ship it', 'status: later"', "status: Done"));
  });
});
