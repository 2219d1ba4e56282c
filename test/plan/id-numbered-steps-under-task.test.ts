import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * Numbered checklist steps under a task are its checklist, never tasks. When the doc has fewer
 * letter-led tasks than numbered steps, the convention rule keeps the steps as tasks: `1` and `2`
 * become issues (spam), and the second task's own `1.` steps become a red `duplicate-id` error on
 * a well-formed doc.
 */
describe("numbered checklist steps under letter-led tasks", () => {
  const doc = [
    "## Tasks",
    "",
    "- [ ] T001 Build the importer",
    "  - [ ] 1. Write the parser",
    "  - [ ] 2. Write its tests",
    "- [ ] T002 Build the exporter",
    "  - [ ] 1. Write the writer",
    "  - [ ] 2. Write its tests",
    "",
  ].join("\n");

  it("reads only the two tasks", () => {
    expect(parsePlan(doc).tasks.map((t) => t.id)).toEqual(["T001", "T002"]);
  });

  it("makes the steps each task's checklist", () => {
    const plan = parsePlan(doc);
    expect(plan.tasks.map((t) => t.checklist.length)).toEqual([2, 2]);
  });

  it("gives the well-formed doc no error", () => {
    expect(parsePlan(doc).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
