import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * Text pasted from chat tools and wikis carries invisible characters: a zero-width space, a word
 * joiner or a stray BOM next to the ID. Such a task is dropped with no diagnostic at all, though
 * the line looks exactly like `- [ ] T001 Title`. The promise: tasks are never silently dropped.
 */
describe("an invisible character next to or inside an ID", () => {
  const doc = [
    "- [ ] \u200bT001 Zero-width space before the ID",
    "- [ ] T002\u200b Zero-width space after the ID",
    "- [ ] \u2060T003 Word joiner before the ID",
    "- [ ] \uFEFFT004 BOM before the ID",
    "- [ ] T0\u200b05 Zero-width space inside the ID",
    "",
  ].join("\n");

  it("is read as the task, or flagged on its line", () => {
    const plan = parsePlan(doc);
    const ids = plan.tasks.map((t) => t.id.replace(/[\u200b\u2060\uFEFF]/g, ""));
    const flagged = new Set(plan.diagnostics.map((d) => d.line));
    const lost = ["T001", "T002", "T003", "T004", "T005"]
      .map((id, i) => ({ id, line: i + 1 }))
      .filter((x) => !ids.includes(x.id) && !flagged.has(x.line));
    expect(lost).toEqual([]);
  });
});
