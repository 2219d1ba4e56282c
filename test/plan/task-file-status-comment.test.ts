import { describe, expect, it } from "vitest";
import { parsePlan, setTaskState } from "../../src/plan/index.js";

/**
 * A quoted `status:` value followed by a YAML comment that itself holds the quote character
 * (`# isn't started`, `# the "real" one`). task-file-keys.ts finds the closing quote with
 * lastIndexOf on the whole line, so it takes the quote inside the comment for the closing one:
 * write-back then replaces `To Do' # isn` and commits a file whose YAML no longer parses.
 * Promise broken: write-back changes only the intended bytes (the comment's bytes are lost and
 * the task vanishes from the plan).
 */
function file(statusLine: string): string {
  return ["---", "id: task-3", "title: Export invoices", statusLine, "labels: [billing]", "---", "", "Body", ""].join(
    "\n",
  );
}

describe("write-back of a quoted status followed by a comment holding a quote", () => {
  it("closing keeps the comment after a single-quoted value and the file stays a readable task", () => {
    const before = file("status: 'To Do' # isn't started yet");
    const after = setTaskState(before, "task-3", true);
    expect(after).toBe(file("status: 'Done' # isn't started yet"));
    const plan = parsePlan(after);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.tasks.map((t) => [t.id, t.checked])).toEqual([["task-3", true]]);
  });

  it("closing keeps the comment after a double-quoted value", () => {
    const before = file('status: "To Do" # the "real" status');
    const after = setTaskState(before, "task-3", true);
    expect(after).toBe(file('status: "Done" # the "real" status'));
  });

  it("reads the status value, not the comment, so a reopen is written back", () => {
    const before = file("status: 'Done' # it's shipped");
    expect(parsePlan(before).tasks[0]!.checked).toBe(true);
    const after = setTaskState(before, "task-3", false);
    expect(after).toBe(file("status: 'To Do' # it's shipped"));
  });
});
