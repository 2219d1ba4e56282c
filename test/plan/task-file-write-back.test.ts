import { describe, expect, it } from "vitest";
import { parsePlan, setTaskState } from "../../src/plan/index.js";

function file(...front: string[]): string {
  return [
    "---",
    "id: BACK-12",
    "title: Export invoices",
    ...front,
    "labels: [billing]",
    "---",
    "",
    "## Description",
    "",
    "- [ ] #1 CSV has a header row",
    "",
  ].join("\n");
}

/** The lines that differ, as [line index, before, after]; the files must keep their line count. */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[i, line, b[i]!] as [number, string, string]]));
}

describe("writing a task file's state back", () => {
  it("closing writes status: Done on one line, only the value changing", () => {
    const before = file("status: To Do");
    const after = setTaskState(before, "BACK-12", true);
    expect(changedLines(before, after)).toEqual([[3, "status: To Do", "status: Done"]]);
    expect(parsePlan(after).tasks[0]!.checked).toBe(true);
  });

  it("keeps the quoting style of a quoted value", () => {
    const single = file("status: 'In Progress'");
    expect(changedLines(single, setTaskState(single, "BACK-12", true))).toEqual([
      [3, "status: 'In Progress'", "status: 'Done'"],
    ]);
    const double = file('status: "To Do"');
    expect(changedLines(double, setTaskState(double, "BACK-12", true))).toEqual([
      [3, 'status: "To Do"', 'status: "Done"'],
    ]);
  });

  it("keeps a comment after the value", () => {
    const before = file("status: To Do # moved by the board");
    expect(changedLines(before, setTaskState(before, "BACK-12", true))).toEqual([
      [3, "status: To Do # moved by the board", "status: Done # moved by the board"],
    ]);
  });

  it("reopening writes the open value; an in-progress status already reads as open and stays", () => {
    const done = file("status: Done");
    expect(changedLines(done, setTaskState(done, "BACK-12", false))).toEqual([[3, "status: Done", "status: To Do"]]);
    const doing = file("status: In Progress");
    expect(setTaskState(doing, "BACK-12", false)).toBe(doing);
    const closed = file("status: done");
    expect(setTaskState(closed, "BACK-12", true)).toBe(closed);
  });

  it("writes the configured values", () => {
    const taskStatus = { open: ["Backlog"], inProgress: ["Doing"], done: ["Shipped", "Done"] };
    const before = file("status: Backlog");
    const closed = setTaskState(before, "BACK-12", true, { taskStatus });
    expect(changedLines(before, closed)).toEqual([[3, "status: Backlog", "status: Shipped"]]);
    expect(changedLines(closed, setTaskState(closed, "BACK-12", false, { taskStatus }))).toEqual([
      [3, "status: Shipped", "status: Backlog"],
    ]);
  });

  it("writes a value into an empty status key, after its colon, and keeps CRLF line endings", () => {
    const before = file("status:");
    expect(changedLines(before, setTaskState(before, "BACK-12", true))).toEqual([[3, "status:", "status: Done"]]);
    expect(setTaskState(before, "BACK-12", false)).toBe(before);
    const crlf = file("status: To Do").replace(/\n/g, "\r\n");
    expect(setTaskState(crlf, "BACK-12", true)).toBe(crlf.replace("status: To Do\r\n", "status: Done\r\n"));
    const empty = file("status: # set by the board").replace(/\n/g, "\r\n");
    expect(setTaskState(empty, "BACK-12", true)).toBe(empty.replace("status: #", "status: Done #"));
  });

  it("writes after a BOM at the right offset", () => {
    const before = `\uFEFF${file("status: To Do")}`;
    expect(setTaskState(before, "BACK-12", true)).toBe(before.replace("status: To Do", "status: Done"));
  });

  it("never touches the acceptance criteria boxes when the state changes", () => {
    const before = file("status: To Do");
    expect(setTaskState(before, "BACK-12", true)).toContain("- [ ] #1 CSV has a header row");
  });
});
