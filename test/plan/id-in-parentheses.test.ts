import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * `[T001]` is read as an ID, but `(T001)` and `T001)` are dropped without a diagnostic (outside a
 * task section there is not even the `no-id` info). The promise: tasks are never silently dropped;
 * bad input becomes a diagnostic with a line and a fix.
 */
describe("an ID in parentheses or followed by `)`", () => {
  const doc = ["# Release prep", "", "- [ ] (T001) Freeze the API", "- [ ] T002) Tag the release", ""].join("\n");

  it("is read as a task, or flagged on its line", () => {
    const plan = parsePlan(doc);
    const ids = plan.tasks.map((t) => t.id);
    const flagged = new Set(plan.diagnostics.map((d) => d.line));
    const lost = [
      { id: "T001", line: 3 },
      { id: "T002", line: 4 },
    ].filter((x) => !ids.includes(x.id) && !flagged.has(x.line));
    expect(lost).toEqual([]);
  });
});
