import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

const only = (source: string) => {
  const plan = parsePlan(source);
  expect(plan.tasks).toHaveLength(1);
  return plan.tasks[0]!;
};

describe("parsePlan: what counts as a task", () => {
  it.each([
    ["- [ ] **[BE-001]** Set up schema *(3 points)*", "BE-001", "Set up schema", 3],
    ["- [ ] **BE-DB-1**: Create invoices table", "BE-DB-1", "Create invoices table", null],
    ["- **BE-101:** User Authentication System", "BE-101", "User Authentication System", null],
    ["- [x] `BE-7` Wire the queue (2 pts)", "BE-7", "Wire the queue", 2],
    ["- [ ] BE-7 — Wire the queue", "BE-7", "Wire the queue", null],
    ["- [ ] BE-7 - Wire the queue", "BE-7", "Wire the queue", null],
    [
      "- [ ] T001 [P] [US1] Contract test in tests/contract/test_pdf.py",
      "T001",
      "Contract test in tests/contract/test_pdf.py",
      null,
    ],
  ])("reads %j", (source, id, title, points) => {
    const task = only(source);
    expect(task.id).toBe(id);
    expect(task.title).toBe(title);
    expect(task.points).toBe(points);
  });

  it("keeps spec-kit markers apart from the title", () => {
    expect(only("- [ ] T005 [P] [US1] Contract test").markers).toEqual(["P", "US1"]);
  });

  it("reads the checkbox state, or null without one", () => {
    const plan = parsePlan("- [ ] A-1 open\n- [x] A-2 done\n- [X] A-3 done\n- A-4 no box\n");
    expect(plan.tasks.map((t) => t.checked)).toEqual([false, true, true, null]);
  });

  it.each([
    ["an ID later in the item", "- [ ] Follow up on BE-002"],
    ["inline code mid-sentence", "- [ ] Use `BE-4` in the config"],
    ["a fenced code block", "```\n- [ ] BE-5 not a task\n```"],
    ["an HTML comment", "<!--\n- [ ] BE-6 not a task\n-->"],
    ["a lowercase prefix", "- [ ] be-7 nope"],
    ["an ID glued to a word", "- [ ] BE-7's follow-up"],
  ])("ignores %s", (_, source) => {
    expect(parsePlan(source).tasks).toEqual([]);
  });

  it("counts ID-less checkbox items in task sections in one info line, and ignores criteria", () => {
    const plan = parsePlan(
      "# M\n\n## Tasks\n\n### Storage\n- [ ] Write the docs\n- [x] Ship it\n\n## Acceptance Criteria\n- [ ] It works\n",
    );
    expect(plan.unassigned.map((u) => [u.line, u.text])).toEqual([
      [6, "Write the docs"],
      [7, "Ship it"],
    ]);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: "info", code: "no-id", line: 6, column: 1 }),
    ]);
    expect(plan.diagnostics[0]!.message).toMatch(/^2 checkbox items in task sections have no task ID.*plansync ids/);
  });

  it("warns about a decorated token that looks like an ID but is not", () => {
    const plan = parsePlan("text\n\n- [ ] **[BE-XX]** Broken id\n");
    expect(plan.tasks).toEqual([]);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: "warning", code: "malformed-id", line: 3 })]);
  });

  it("honours configured prefixes", () => {
    const plan = parsePlan("- [ ] BE-1 a\n- [ ] FE-1 b\n", { idPrefixes: ["FE"] });
    expect(plan.tasks.map((t) => t.id)).toEqual(["FE-1"]);
  });
});

describe("parsePlan: task details", () => {
  const source = [
    "# Plan",
    "",
    "## Phase 1",
    "",
    "### 🔄 High Priority (Should Have)",
    "",
    "- [ ] **[BE-004]** Implement validation *(4 points)*",
    "  - Input validation",
    "  - **Success Criteria:** Invalid requests return 400",
    "  - [x] write tests",
    "  - [ ] BE-005 Nested task",
    "    - [ ] nested check",
    "",
    "## Phase 2",
    "",
    "- [ ] BE-006 Later",
  ].join("\n");
  const plan = parsePlan(source);
  const [parent, child, later] = plan.tasks;

  it("records the heading chain and the labels it implies", () => {
    expect(parent!.section).toEqual(["Plan", "Phase 1", "🔄 High Priority (Should Have)"]);
    expect(parent!.labels).toEqual(["priority: high"]);
    expect(later!.section).toEqual(["Plan", "Phase 2"]);
    expect(later!.labels).toEqual([]);
  });

  it("reads fields, checklist and body from sub-bullets", () => {
    expect(parent!.fields).toEqual({ "Success Criteria": "Invalid requests return 400" });
    expect(parent!.checklist).toEqual([
      { text: "write tests", checked: true, line: 10, markOffset: expect.any(Number), mark: "x" },
    ]);
    expect(source.slice(parent!.checklist[0]!.markOffset - 3, parent!.checklist[0]!.markOffset + 2)).toBe("- [x]");
    expect(parent!.body).toBe(
      "- Input validation\n- **Success Criteria:** Invalid requests return 400\n- [x] write tests\n- [ ] BE-005 Nested task\n  - [ ] nested check",
    );
  });

  it("nests tasks under their parent task", () => {
    expect(child!.id).toBe("BE-005");
    expect(child!.parent).toBe("BE-004");
    expect(child!.checklist).toEqual([
      { text: "nested check", checked: false, line: 12, markOffset: expect.any(Number), mark: " " },
    ]);
    expect(source.slice(child!.checklist[0]!.markOffset - 1, child!.checklist[0]!.markOffset + 2)).toBe("[ ]");
    expect(parent!.parent).toBeNull();
  });

  it("reports lines and columns of the bullet", () => {
    expect([parent!.line, parent!.column]).toEqual([7, 1]);
    expect([child!.line, child!.column]).toEqual([11, 3]);
  });
});

describe("parsePlan: milestones", () => {
  it("reads frontmatter", () => {
    const plan = parsePlan(
      '---\nmilestone_id: "M3"\nmilestone_name: "Metering"\ntarget_completion: 2026-12-15\nstatus: completed\n---\n- [ ] M-1 a\n',
    );
    expect(plan.milestone).toEqual({
      title: "Metering",
      dueOn: "2026-12-15",
      state: "closed",
      stated: true,
      line: 1,
    });
    expect(plan.tasks[0]!.milestone).toBe("Metering");
  });

  it("reads a milestone heading", () => {
    const plan = parsePlan("# Milestone: `Backend: billing - M2.3 - Invoice PDF export`\n\n- [ ] BIL-1 a\n");
    expect(plan.milestone).toEqual({
      title: "Backend: billing - M2.3 - Invoice PDF export",
      dueOn: null,
      state: "open",
      stated: false,
      line: 1,
    });
  });

  it("warns about a date it cannot read and keeps the milestone", () => {
    const plan = parsePlan('---\nmilestone_name: "M"\ntarget_completion: "next week"\n---\n');
    expect(plan.milestone?.dueOn).toBeNull();
    expect(plan.diagnostics.map((d) => d.code)).toEqual(["bad-date"]);
  });

  it("reports broken frontmatter and reads nothing from the file", () => {
    const plan = parsePlan('---\nmilestone_name: "unterminated\n  bad: [\n---\n- [ ] X-1 task\n');
    expect(plan.tasks).toEqual([]);
    expect(plan.milestone).toBeNull();
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "bad-frontmatter", line: 1 }),
    ]);
  });

  it("treats a lone --- at the top as a rule, not frontmatter", () => {
    const plan = parsePlan("---\n- [ ] X-1 task\n");
    expect(plan.tasks.map((t) => t.id)).toEqual(["X-1"]);
    expect(plan.diagnostics).toEqual([]);
  });

  it("returns fresh data each call (gray-matter caches without options)", () => {
    const source = '---\nmilestone_name: "Same"\n---\n';
    const first = parsePlan(source);
    first.milestone!.title = "changed";
    expect(parsePlan(source).milestone!.title).toBe("Same");
  });
});

describe("parsePlan: robustness", () => {
  const lf = "---\nmilestone_name: M\n---\n# T\n\n- [ ] A-1 First *(2 points)*\n  - **Design:** d\n- [x] A-2 Second\n";
  const strip = (plan: ReturnType<typeof parsePlan>) => plan.tasks.map(({ checkbox: _, body: __, ...rest }) => rest);

  it("gives the same tasks for LF, CRLF and a BOM", () => {
    const expected = strip(parsePlan(lf));
    expect(strip(parsePlan(lf.replace(/\n/g, "\r\n")))).toEqual(expected);
    expect(strip(parsePlan(`\uFEFF${lf}`))).toEqual(expected);
  });

  it("reads an empty file as an empty plan", () => {
    expect(parsePlan("")).toEqual({
      milestone: null,
      milestones: [],
      tasks: [],
      diagnostics: [],
      fields: {},
      unassigned: [],
      title: null,
      epics: [],
      overview: null,
      itemLeads: {},
    });
  });

  it("flags the second use of an ID and keeps the first", () => {
    const plan = parsePlan("- [ ] D-1 first\n- [x] D-1 second\n");
    expect(plan.tasks).toHaveLength(1);
    expect(plan.tasks[0]!.title).toBe("first");
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "duplicate-id", line: 2 })]);
  });

  it("reads document-level bold fields", () => {
    const plan = parsePlan("**Sprint:** 14  \n**Engineer:** *@backend-dev*\n");
    expect(plan.fields).toEqual({ Sprint: "14", Engineer: "@backend-dev" });
  });
});

describe("parsePlan: formats in the wild", () => {
  const ids = (source: string) => parsePlan(source).tasks.map((t) => t.id);

  it("reads notes that start with an ID as notes, with no false duplicates", () => {
    const doc = [
      "## Tasks",
      "- [ ] T001 Setup",
      "- [ ] T008 Build",
      "## Dependencies",
      "- T008-T012 can run in parallel",
      "- **AUTH-US1**: No dependencies",
      "- US1: T030, T031 can run in parallel",
      "## Summary",
      "- T001 Setup verification.",
      "",
    ].join("\n");
    const plan = parsePlan(doc);
    expect(plan.tasks.map((t) => t.id)).toEqual(["T001", "T008"]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("keeps box-less ID-led bullets as tasks in a doc without checkbox tasks", () => {
    expect(ids("### Epic 1\n- **BE-101:** Auth\n- **BE-102:** Sessions\n")).toEqual(["BE-101", "BE-102"]);
  });

  it("keeps a box-less doc's other tasks when write-back has inserted one box", () => {
    expect(ids("- [x] **BE-101:** Auth\n- **BE-102:** Sessions\n- **BE-103:** Tokens\n")).toEqual([
      "BE-101",
      "BE-102",
      "BE-103",
    ]);
  });

  it("lets a boxed task win over an earlier box-less mention of its ID", () => {
    const plan = parsePlan("## Overview\n- T005 is the risky one\n## Tasks\n- [ ] T001 a\n- [ ] T005 Build auth\n");
    expect(plan.tasks.map((t) => [t.id, t.title, t.line])).toEqual([
      ["T001", "a", 4],
      ["T005", "Build auth", 5],
    ]);
  });

  it("reads outline numbers only on checkbox items", () => {
    expect(ids("1. Plain numbered step\n- 2.1 no box\n- [ ] 3 eggs\n- [ ] 2024 review\n- [ ] 4. Real\n")).toEqual([
      "4",
    ]);
  });

  it("does not take [P] for a checkbox mark", () => {
    expect(ids("- [P] tasks = different files\n")).toEqual([]);
  });

  it("joins a wrapped title and keeps the rest in the body", () => {
    const [task] = parsePlan("- [ ] T001 Write tests that\ncover the error paths\n  **Owner:** qa\n  - detail\n").tasks;
    expect(task!.title).toBe("Write tests that cover the error paths");
    expect(task!.fields).toEqual({ Owner: "qa" });
    expect(task!.body).toBe("**Owner:** qa\n- detail");
  });

  it("finds frontmatter with a blank first line", () => {
    const plan = parsePlan('---\n\nmilestone_name: "Albums"\n---\n- [ ] T001 a\n');
    expect(plan.milestone?.title).toBe("Albums");
  });

  it("does not flag a template inside a code span as a placeholder", () => {
    const plan = parsePlan("- [ ] T001 Render `{{ if $.query }}` in the search box\n- [ ] T002 Fill {FEATURE_NAME}\n");
    expect(plan.diagnostics.map((d) => [d.code, d.line])).toEqual([["placeholder", 2]]);
  });

  it("reads dependency statements from notes, titles and fields", () => {
    const plan = parsePlan(
      "- [ ] T003 Schema\n- [ ] T004 API\n- [ ] T005 UI (depends on T004)\n- [ ] T006 Docs\n  - **Dependencies:** T003, T005\n\n## Dependencies\n- T003 blocks T004–T005\n",
    );
    expect(Object.fromEntries(plan.tasks.map((t) => [t.id, t.dependsOn]))).toEqual({
      T003: [],
      T004: ["T003"],
      T005: ["T004", "T003"],
      T006: ["T003", "T005"],
    });
  });
});
