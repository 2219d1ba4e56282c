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

  it("reports checkbox items without an ID as info", () => {
    const plan = parsePlan("- [ ] Write the docs\n");
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: "info", code: "no-id", line: 1, column: 1 }),
    ]);
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
      { text: "write tests", checked: true, line: 10, markOffset: expect.any(Number) },
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
      { text: "nested check", checked: false, line: 12, markOffset: expect.any(Number) },
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
    expect(parsePlan("")).toEqual({ milestone: null, milestones: [], tasks: [], diagnostics: [], fields: {} });
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
