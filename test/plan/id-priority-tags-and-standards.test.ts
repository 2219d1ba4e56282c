import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * Two shapes people write that used to be misread. A priority tag before the ID (`P1 T12`) was
 * taken as the ID, so P1..P4 repeated across a doc as duplicate IDs and the real tasks were lost.
 * A standard or algorithm name (`SHA-256`, `UTF-8`) at an item's head was read as a dashed ID.
 */
describe("a priority tag before the ID", () => {
  const doc = [
    "# Roadmap",
    "",
    "- [ ] **P1** T12 [L] Dashboard filters",
    "- [ ] **P2** T13 Export to CSV",
    "- [x] P1 T14 Dark mode toggle",
    "- [ ] P0 T015 Fix startup crash",
    "- [x] **[P2]** BE-014 Rate limiter",
    "",
  ].join("\n");

  it("reads the ID after the tag, with no duplicate-id error", () => {
    const plan = parsePlan(doc);
    expect(plan.tasks.map((t) => t.id)).toEqual(["T12", "T13", "T14", "T015", "BE-014"]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("makes the tag a `priority: Pn` label and leaves it out of the title", () => {
    const plan = parsePlan(doc);
    expect(plan.tasks.map((t) => t.labels)).toEqual([
      ["priority: P1"],
      ["priority: P2"],
      ["priority: P1"],
      ["priority: P0"],
      ["priority: P2"],
    ]);
    expect(plan.tasks.map((t) => t.title)).toEqual([
      "[L] Dashboard filters",
      "Export to CSV",
      "Dark mode toggle",
      "Fix startup crash",
      "Rate limiter",
    ]);
    expect(plan.tasks.map((t) => t.checked)).toEqual([false, false, true, false, true]);
  });

  it("keeps a section's priority label beside the item's", () => {
    const plan = parsePlan("## High Priority\n\n- [ ] P3 T001 Cache warmup\n");
    expect(plan.tasks[0]!.labels).toEqual(["priority: high", "priority: P3"]);
  });

  it("without an ID after it, the tag follows the old rules", () => {
    expect(parsePlan("- [ ] P1 Fix login\n").tasks).toEqual([]);
    const siblings = parsePlan("- [ ] P1 Fix login\n- [ ] P2 Fix logout\n");
    expect(siblings.tasks.map((t) => [t.id, t.title, t.labels])).toEqual([
      ["P1", "Fix login", []],
      ["P2", "Fix logout", []],
    ]);
  });

  it("a word after the tag is no ID (`P1 OAuth2 login`)", () => {
    expect(parsePlan("- [ ] **P1** OAuth2 login\n").tasks.map((t) => t.id)).toEqual(["P1"]);
  });
});

describe("standard and algorithm names are words unless the doc numbers with them", () => {
  it.each(["HMAC-SHA256", "SHA-256", "UTF-8", "ISO-8601", "RFC-7231", "CVE-2024-1234", "AES-128"])(
    "%s alone is no task",
    (word) => {
      const plan = parsePlan(`# Notes\n\n- [ ] ${word} support in the client\n- [ ] Review the docs\n`);
      expect(plan.tasks.map((t) => t.id)).toEqual([]);
      expect(plan.diagnostics.map((d) => d.code)).toContain("word-not-id");
    },
  );

  it("next to real tasks it stays a word", () => {
    const plan = parsePlan("- [ ] T001 Setup\n- [ ] SHA-256 checksums for uploads\n- [ ] T002 Build\n");
    expect(plan.tasks.map((t) => t.id)).toEqual(["T001", "T002"]);
  });

  it("is an ID where the doc uses the prefix as its numbering, or bolds it", () => {
    expect(parsePlan("- [ ] RFC-001 Draft\n- [ ] RFC-002 Review\n").tasks.map((t) => t.id)).toEqual([
      "RFC-001",
      "RFC-002",
    ]);
    expect(parsePlan("- [ ] **ISO-1** Audit\n").tasks.map((t) => t.id)).toEqual(["ISO-1"]);
  });

  it.each(["BE-001", "FR-005a", "US-1.1", "BE-DB-1", "SEC-12", "HASH-3"])("%s alone is still a task", (id) => {
    expect(parsePlan(`- [ ] ${id} Title\n`).tasks.map((t) => t.id)).toEqual([id]);
  });
});

describe("the ID after a priority tag needs its own evidence", () => {
  it("a bare unpadded ID alone is a word, bold on the tag notwithstanding", () => {
    const plan = parsePlan("- [ ] **P1** EC2 cleanup\n");
    expect(plan.tasks).toEqual([]);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(["word-not-id"]);
  });

  it("a padded or dashed ID alone is a task", () => {
    expect(parsePlan("- [ ] **P1** T012 Filters\n").tasks.map((t) => t.id)).toEqual(["T012"]);
    expect(parsePlan("- [ ] P3 WEB-7 Filters\n").tasks.map((t) => [t.id, t.labels])).toEqual([
      ["WEB-7", ["priority: P3"]],
    ]);
  });
});
