import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

const FILE = [
  "---",
  "id: BACK-200",
  "title: Rate-limit the login endpoint",
  "status: In Progress",
  "assignee:",
  "  - '@alice'",
  "  - bob",
  "created_date: '2025-06-01 10:00'",
  "labels: [auth, security]",
  "milestone: v1.2",
  "dependencies:",
  "  - BACK-198",
  "  - BACK-199",
  "priority: high",
  "---",
  "",
  "## Description",
  "",
  "Throttle failed logins per account and per IP.",
  "",
  "## Acceptance Criteria",
  "<!-- AC:BEGIN -->",
  "- [ ] #1 Five failures in a minute lock the account for ten minutes",
  "- [x] #2 The lock is logged",
  "<!-- AC:END -->",
  "",
  "## Implementation Notes",
  "",
  "- BACK-300 is a follow-up, not a task here",
  "- [ ] BACK-301 neither is this one",
  "",
].join("\n");

describe("a task file (Backlog.md)", () => {
  const plan = parsePlan(FILE);
  const task = plan.tasks[0]!;

  it("is one task, field by field", () => {
    expect(plan.tasks.map((t) => t.id)).toEqual(["BACK-200"]);
    expect(task.title).toBe("Rate-limit the login endpoint");
    expect(task.checked).toBe(false);
    expect(task.inProgress).toBe(true);
    expect(task.line).toBe(2);
    expect(task.column).toBe(1);
    expect(task.tags).toEqual(["auth", "security"]);
    expect(task.labels).toEqual(["priority: high"]);
    expect(task.fields).toEqual({ Assignee: "@alice, @bob" });
    expect(task.milestone).toBe("v1.2");
    expect(task.dependsOn).toEqual(["BACK-198", "BACK-199"]);
    expect(task.parent).toBeNull();
    expect(task.section).toEqual([]);
    expect(task.points).toBeNull();
    expect(plan.diagnostics).toEqual([]);
  });

  it("names its milestone for the file, so the sync creates it; the frontmatter makes no doc milestone of its own", () => {
    expect(plan.milestones.map((m) => [m.title, m.state, m.stated, m.line])).toEqual([["v1.2", "open", false, 10]]);
    expect(plan.title).toBe("Rate-limit the login endpoint");
  });

  it("keeps the markdown body as written for the issue", () => {
    expect(task.body.startsWith("## Description\n\nThrottle failed logins")).toBe(true);
    expect(task.body.endsWith("- [ ] BACK-301 neither is this one")).toBe(true);
    expect(FILE.includes(task.body)).toBe(true);
  });

  it("reads every checkbox item as its checklist, and no list item as a task", () => {
    expect(task.checklist.map((c) => [c.text, c.checked, c.line])).toEqual([
      ["#1 Five failures in a minute lock the account for ten minutes", false, 23],
      ["#2 The lock is logged", true, 24],
      ["BACK-301 neither is this one", false, 30],
    ]);
    for (const item of task.checklist) expect(FILE.slice(item.markOffset, item.markOffset + 1)).toBe(item.mark);
  });

  it("locates the status value for write-back", () => {
    const field = task.statusField!;
    expect(field.value).toBe("In Progress");
    expect(field.quote).toBe("");
    expect(FILE.slice(field.offset, field.offset + field.length)).toBe("In Progress");
  });
});

function taskFile(...front: string[]): string {
  return ["---", ...front, "---", "", "Body.", ""].join("\n");
}

describe("task file statuses", () => {
  it.each([
    ["To Do", false, false],
    ["to do", false, false],
    ["In  progress", false, true],
    ["Done", true, false],
    ["'Done'", true, false],
    ['"DONE"', true, false],
  ])("reads status %s", (status, checked, inProgress) => {
    const plan = parsePlan(taskFile("id: TASK-1", "title: T", `status: ${status}`));
    expect(plan.tasks[0]!.checked).toBe(checked);
    expect(plan.tasks[0]!.inProgress).toBe(inProgress);
    expect(plan.diagnostics).toEqual([]);
  });

  it("reads an empty status as open, with no warning, and locates the empty value after its colon", () => {
    const plan = parsePlan(taskFile("id: TASK-1", "title: T", "status:"));
    expect(plan.tasks[0]!.checked).toBe(false);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.tasks[0]!.statusField).toEqual({
      offset: "---\nid: TASK-1\ntitle: T\nstatus:".length,
      length: 0,
      value: "",
      quote: "",
    });
  });

  it("reads a status that is a list as open, with a warning and nothing to write back", () => {
    const plan = parsePlan(taskFile("id: TASK-1", "title: T", "status: [Done]"));
    expect(plan.tasks.map((t) => [t.checked, t.statusField])).toEqual([[false, null]]);
    expect(plan.diagnostics.map((d) => [d.code, d.line])).toEqual([["unknown-status", 4]]);
  });

  it("warns about an unknown status on its line and reads it as open", () => {
    const plan = parsePlan(taskFile("id: TASK-1", "title: T", "priority: low", "status: Blocked"));
    expect(plan.tasks[0]!.checked).toBe(false);
    expect(plan.tasks[0]!.inProgress).toBe(false);
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["warning", "unknown-status", 5]]);
    expect(plan.diagnostics[0]!.message).toContain("taskFiles.status");
  });

  it("takes the configured values", () => {
    const taskStatus = { open: ["Backlog", "Ready"], inProgress: ["Doing"], done: ["Shipped"] };
    const read = (status: string) => parsePlan(taskFile("id: TASK-1", "title: T", `status: ${status}`), { taskStatus });
    expect(read("shipped").tasks[0]!.checked).toBe(true);
    expect(read("Doing").tasks[0]!.inProgress).toBe(true);
    expect(read("Ready").diagnostics).toEqual([]);
    expect(read("Done").diagnostics.map((d) => d.code)).toEqual(["unknown-status"]);
  });
});

describe("odd task files", () => {
  it("takes the title from the first heading when the frontmatter has none", () => {
    const plan = parsePlan("---\nid: TASK-7\nstatus: To Do\n---\n\n# Export invoices as CSV\n\nText.\n");
    expect(plan.tasks[0]!.title).toBe("Export invoices as CSV");
  });

  it("warns when there is no title at all", () => {
    const plan = parsePlan("---\nid: TASK-7\nstatus: To Do\n---\nText.\n");
    expect(plan.tasks[0]!.title).toBe("");
    expect(plan.diagnostics.map((d) => [d.code, d.line])).toEqual([["empty-title", 2]]);
  });

  it("reads assignees written as one string, and a comma list of labels", () => {
    const task = parsePlan(
      taskFile("id: TASK-2", "title: T", "status: To Do", "assignee: '@carol'", "labels: ui, docs"),
    ).tasks[0]!;
    expect(task.fields).toEqual({ Assignee: "@carol" });
    expect(task.tags).toEqual(["ui", "docs"]);
  });

  it("reports a dependency that is no task ID and an unknown priority, each on its line", () => {
    const plan = parsePlan(
      taskFile("id: TASK-2", "title: T", "dependencies: [TASK-1, later]", "priority: urgent", "status: To Do"),
    );
    expect(plan.tasks[0]!.dependsOn).toEqual(["TASK-1"]);
    expect(plan.tasks[0]!.labels).toEqual([]);
    expect(plan.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["bad-dependency", 4],
      ["unknown-priority", 5],
    ]);
  });

  it("keeps today's behaviour for broken frontmatter: one error, nothing half-read", () => {
    const plan = parsePlan("---\nid: TASK-3\ntitle: [unclosed\n---\n\n- [ ] TASK-4 a list task\n");
    expect(plan.tasks).toEqual([]);
    expect(plan.diagnostics.map((d) => [d.severity, d.code])).toEqual([["error", "bad-frontmatter"]]);
  });

  it("reads a file whose id is no task ID as a doc, with its frontmatter milestone", () => {
    const plan = parsePlan("---\nid: 12\nmilestone_name: Beta\n---\n\n## Tasks\n\n- [ ] BE-1 Build it\n");
    expect(plan.tasks.map((t) => [t.id, t.milestone])).toEqual([["BE-1", "Beta"]]);
  });

  it("is no milestone doc: a Done task file's milestone_name closes no milestone", () => {
    const plan = parsePlan(taskFile("id: TASK-5", "title: T", "status: Done", "milestone_name: Beta"));
    expect(plan.tasks.map((t) => [t.id, t.checked, t.milestone])).toEqual([["TASK-5", true, null]]);
    expect(plan.milestones).toEqual([]);
    expect(plan.milestone).toBeNull();
  });

  it("reads a doc without an id as before: its list items are tasks", () => {
    const plan = parsePlan("---\ntitle: Notes\nstatus: Done\n---\n\n- [ ] BE-1 Build it\n");
    expect(plan.tasks.map((t) => t.id)).toEqual(["BE-1"]);
  });

  it("reads Backlog.md's lowercase ids and dependencies: a declared id is an ID in any case", () => {
    const plan = parsePlan(taskFile("id: task-12", "title: T", "status: To Do", "dependencies: [task-3, task-11]"));
    expect(plan.tasks.map((t) => [t.id, t.dependsOn])).toEqual([["task-12", ["task-3", "task-11"]]]);
    expect(plan.diagnostics).toEqual([]);
  });

  it("respects ids.prefixes: an id outside them is no task file", () => {
    const plan = parsePlan(taskFile("id: TASK-2", "title: T", "status: To Do"), { idPrefixes: ["BE"] });
    expect(plan.tasks).toEqual([]);
  });

  it("reads CRLF files, offsets in the original source", () => {
    const source = FILE.replace(/\n/g, "\r\n");
    const task = parsePlan(source).tasks[0]!;
    expect(task.title).toBe("Rate-limit the login endpoint");
    expect(task.statusField!.value).toBe("In Progress");
    expect(source.slice(task.statusField!.offset, task.statusField!.offset + task.statusField!.length)).toBe(
      "In Progress",
    );
    expect(task.checklist.map((c) => c.line)).toEqual([23, 24, 30]);
    for (const item of task.checklist) expect(source.slice(item.markOffset, item.markOffset + 1)).toBe(item.mark);
  });

  it("reads a file with a BOM, offsets in the original source", () => {
    const source = `\uFEFF${FILE}`;
    const task = parsePlan(source).tasks[0]!;
    expect(task.id).toBe("BACK-200");
    expect(source.slice(task.statusField!.offset, task.statusField!.offset + task.statusField!.length)).toBe(
      "In Progress",
    );
    for (const item of task.checklist) expect(source.slice(item.markOffset, item.markOffset + 1)).toBe(item.mark);
  });
});

describe("the backlog-task fixture", () => {
  it("has the tags and checklist its expected file names (fields fixtures.test.ts does not compare)", () => {
    const source = readFileSync(new URL("../../fixtures/plans/backlog-task.md", import.meta.url), "utf8");
    const expectedUrl = new URL("../../fixtures/plans/backlog-task.expected.json", import.meta.url);
    const want = (JSON.parse(readFileSync(expectedUrl, "utf8")) as { tasks: Record<string, unknown>[] }).tasks[0]!;
    const task = parsePlan(source).tasks[0]!;
    expect(task.tags).toEqual(want.tags);
    expect(task.checklist.map(({ text, checked, line }) => ({ text, checked, line }))).toEqual(want.checklist);
  });
});
