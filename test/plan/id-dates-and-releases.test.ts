import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * Dates and release numbers at the head of a checklist line are not tasks. European dates
 * (`12.05.` = 12 May) read as the outline number `12.05`, and a changelog's bare release numbers
 * (`2.0.0`, with a zero part no outline has) as three-level outlines: each becomes an issue (spam).
 */
describe("dates and release numbers in boxed lines", () => {
  it("a meeting list with DD.MM. dates reads no task", () => {
    const doc = ["## Meetings", "", "- [x] 12.05. Kickoff", "- [ ] 19.05. Review", "- [ ] 26.05. Retro", ""].join("\n");
    expect(parsePlan(doc).tasks.map((t) => t.id)).toEqual([]);
  });

  it("a release checklist with x.y.0 versions reads no task", () => {
    const doc = ["# Releases", "", "- [x] 2.0.0 released", "- [x] 2.1.0 released", "- [ ] 3.0.0 planned", ""].join(
      "\n",
    );
    expect(parsePlan(doc).tasks.map((t) => t.id)).toEqual([]);
  });
});
