import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * The convention rule drops every numbered item when letter-led IDs are most of the doc. A doc
 * with a spec-kit `T0xx` list and an OpenSpec-style `1.1` section loses the whole numbered section
 * without a word: no task, no diagnostic. The promise: tasks are never silently dropped.
 */
describe("a doc mixing a T0xx list and a numbered section", () => {
  const doc = [
    "# Billing rewrite",
    "",
    "## Phase 1: Setup",
    "",
    "- [ ] T001 Create the billing package",
    "- [ ] T002 Add the invoice model",
    "- [x] T003 Wire the queue",
    "- [ ] T004 Add the ledger tables",
    "",
    "## 1. Data migration",
    "",
    "- [ ] 1.1 Export the legacy invoices",
    "- [ ] 1.2 Import them into the ledger",
    "- [ ] 1.3 Reconcile the totals",
    "",
  ].join("\n");

  it("keeps each numbered task, or says on its line why it is not one", () => {
    const plan = parsePlan(doc);
    const ids = plan.tasks.map((t) => t.id);
    const flagged = new Set(plan.diagnostics.map((d) => d.line));
    const lost = [
      { id: "1.1", line: 11 },
      { id: "1.2", line: 12 },
      { id: "1.3", line: 13 },
    ].filter((x) => !ids.includes(x.id) && !flagged.has(x.line));
    expect(lost).toEqual([]);
  });
});
