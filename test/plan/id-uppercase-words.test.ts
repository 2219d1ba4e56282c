import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * A sprint board without any task IDs, whose items start with everyday uppercase-and-digit words:
 * quarters, priorities, AWS service names, codecs, standards. None is a task ID, yet each reads as
 * a `T001`-shaped ID and would become a GitHub issue (the "non-tasks are never tasks" promise).
 * No two items share a prefix and no number is padded: nothing here is a numbering scheme.
 */
describe("uppercase words with digits on a board without IDs are not tasks", () => {
  const doc = [
    "# Sprint 14 board",
    "",
    "## Todo",
    "",
    "- [ ] Q3 planning with product",
    "- [ ] H1 goals review",
    "- [ ] P0 bug in checkout",
    "- [ ] S3 bucket setup for backups",
    "- [ ] EC2 cleanup",
    "- [ ] MP4 export",
    "- [ ] GPT4 evaluation",
    "- [ ] ES2022 target for the build",
    "",
    "## Done",
    "",
    "- [x] CO2 report for the board",
    "- [x] W3C validation",
    "",
  ].join("\n");

  it("reads no task", () => {
    expect(parsePlan(doc).tasks.map((t) => t.id)).toEqual([]);
  });
});
