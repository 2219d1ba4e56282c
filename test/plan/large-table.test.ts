import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * A real doc shape the hostile-input caps must not refuse: a long traceability table whose every
 * row has bold, links and strikethrough. GFM parses each cell on its own, so its work is linear;
 * the caps' marker count treats each row as a paragraph of its own (found in review: a 2,000-row
 * table was refused as one 127 KB paragraph).
 */
const table = (rows: number) =>
  [
    "# Traceability",
    "",
    "- [ ] FR-1 The first requirement",
    "",
    "| ID | Requirement | Status |",
    "| --- | :--- | ---: |",
    ...Array.from({ length: rows }, (_, i) => `| **FR-${i}** | [spec](x) the *thing* must_work | ~done~ |`),
    "",
  ].join("\n");

describe("a long table with markers in every row", () => {
  it("is read, not refused", () => {
    const plan = parsePlan(table(2_000));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.tasks.map((t) => t.id)).toEqual(["FR-1"]);
  });

  it("is still refused when one row is a hostile paragraph of its own", () => {
    const hostile = `| ${"a* ".repeat(60_000)} | x |`;
    const plan = parsePlan(`| A | B |\n| --- | --- |\n${hostile}\n`);
    expect(plan.diagnostics.map((d) => d.code)).toContain("unreadable-file");
  });
});
