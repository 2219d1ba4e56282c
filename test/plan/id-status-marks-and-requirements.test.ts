import { describe, expect, it } from "vitest";
import { parsePlan, setTaskState } from "../../src/plan/index.js";

describe("a [!] box (blocked or failed)", () => {
  const doc = ["## Tasks", "", "- [!] T001 Migrate the ledger", "- [x] T002 Export invoices", ""].join("\n");

  it("reads as an open task that is not in progress", () => {
    const [blocked] = parsePlan(doc).tasks;
    expect(blocked).toMatchObject({ id: "T001", title: "Migrate the ledger", checked: false, inProgress: false });
  });

  it("becomes [x] when done, and nothing else changes", () => {
    expect(setTaskState(doc, "T001", true)).toBe(doc.replace("[!]", "[x]"));
  });
});

describe("a status emoji on an item without a box", () => {
  const doc = [
    "## Progress",
    "",
    "- ✅ W1: Draft the schema",
    "- ✔️ W2: Review the schema",
    "- 🚧 W3: Build the importer",
    "- ⏳ W4: Load the archive",
    "- ⬜ W5: Switch over",
    "- W6: Write the runbook",
    "",
  ].join("\n");

  it("says the state", () => {
    const tasks = parsePlan(doc).tasks;
    expect(tasks.map((t) => [t.id, t.checked, t.inProgress])).toEqual([
      ["W1", true, false],
      ["W2", true, false],
      ["W3", false, true],
      ["W4", false, true],
      ["W5", false, false],
      ["W6", null, false],
    ]);
  });

  it("gets no [x] inserted when it already says done", () => {
    expect(setTaskState(doc, "W1", true)).toBe(doc);
  });

  it("gets [x] when a box-less item without a done emoji is done", () => {
    expect(setTaskState(doc, "W6", true)).toBe(doc.replace("- W6:", "- [x] W6:"));
  });
});

describe("box-less requirement lists in a spec", () => {
  const doc = [
    "# Feature: Invoices",
    "",
    "## Requirements",
    "",
    "### Functional Requirements",
    "",
    "- **FR-001**: The service MUST store each invoice once",
    "- **FR-002**: The service MUST reject a negative total",
    "",
    "### Key Entities",
    "",
    "- **ENT-1**: Invoice, with its lines",
    "",
    "## Success Criteria",
    "",
    "### Outcomes",
    "",
    "- **SC-001**: Nine in ten invoices post within a minute",
    "",
    "## Acceptance Criteria",
    "",
    "- **AC-1**: An invoice page loads in a second",
    "",
  ].join("\n");

  it("are not tasks", () => {
    expect(parsePlan(doc).tasks.map((t) => t.id)).toEqual([]);
  });

  it("while an epic's box-less stories stay tasks, under a requirements heading too", () => {
    const epics = [
      "## Requirements",
      "",
      "### Epic 2: Billing",
      "",
      "- **BE-101:** Invoice model",
      "- **BE-102:** Ledger export",
      "",
    ].join("\n");
    expect(parsePlan(epics).tasks.map((t) => t.id)).toEqual(["BE-101", "BE-102"]);
  });

  it("under a Tasks heading below a requirements one, are tasks", () => {
    const tasks = ["## Requirements", "", "### Tasks", "", "- **FR-001**: Store invoices", ""].join("\n");
    expect(parsePlan(tasks).tasks.map((t) => t.id)).toEqual(["FR-001"]);
  });
});
