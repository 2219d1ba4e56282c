import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan, setTaskStates, type MarkTarget } from "../../src/plan/index.js";
import type { Task } from "../../src/plan/plan-types.js";
import type { Marker } from "../../src/sync/sync-types.js";
import { boardMove } from "../../src/writeback/board-move.js";
import { commitMessage, planWriteBack, type PendingIssue } from "../../src/writeback/plan-write-back.js";
import { agreedMarker, pendingIssue } from "../../src/writeback/pending-issue.js";
import { configSchema } from "../../src/config/config-schema.js";

const set = (source: string, targets: [string, boolean | MarkTarget][]) => setTaskStates(source, new Map(targets));

/** Whether a parsed task says the target: the oracle, written apart from mark-target.ts. */
function says(task: Task, target: MarkTarget): boolean {
  if (target === "done") return task.checked === true;
  if (target === "inProgress") return task.inProgress && task.checked !== true;
  if (target === "todo") return task.checked !== true && !task.inProgress;
  return task.checked !== true;
}

/** The mark written when a task does not say its target yet. */
const WRITTEN: Record<MarkTarget, string> = { done: "x", inProgress: "~", todo: " ", open: " " };

describe("board marks: four targets, only the mark bytes change", () => {
  const doc = "# Plan\n\n- [ ] A-1 todo\n- [~] A-2 doing\n- [x] A-3 done\n- [/] A-4 half\n- [-] A-5 dash\n";

  it("inProgress writes [~], and keeps an in-progress mark as written", () => {
    expect(set(doc, [["A-1", "inProgress"]])).toBe(doc.replace("[ ] A-1", "[~] A-1"));
    expect(set(doc, [["A-3", "inProgress"]])).toBe(doc.replace("[x] A-3", "[~] A-3"));
    expect(
      set(doc, [
        ["A-2", "inProgress"],
        ["A-4", "inProgress"],
        ["A-5", "inProgress"],
      ]),
    ).toBe(doc);
  });

  it("todo clears done and every in-progress mark to [ ]", () => {
    expect(
      set(doc, [
        ["A-2", "todo"],
        ["A-3", "todo"],
        ["A-4", "todo"],
        ["A-5", "todo"],
        ["A-1", "todo"],
      ]),
    ).toBe("# Plan\n\n- [ ] A-1 todo\n- [ ] A-2 doing\n- [ ] A-3 done\n- [ ] A-4 half\n- [ ] A-5 dash\n");
  });

  it("open keeps an in-progress mark (a reopen says nothing about progress); booleans still work", () => {
    expect(
      set(doc, [
        ["A-2", "open"],
        ["A-4", false],
        ["A-1", "open"],
      ]),
    ).toBe(doc);
    expect(set(doc, [["A-3", "open"]])).toBe(doc.replace("[x] A-3", "[ ] A-3"));
    expect(
      set(doc, [
        ["A-2", true],
        ["A-3", false],
      ]),
    ).toBe(doc.replace("[~] A-2", "[x] A-2").replace("[x] A-3", "[ ] A-3"));
  });

  it("keeps CRLF line endings and a BOM", () => {
    const crlf = "\uFEFF- [ ] A-1 x\r\n- [x] A-2 y\r\n- [~] A-3 z\r\n";
    expect(
      set(crlf, [
        ["A-1", "inProgress"],
        ["A-2", "inProgress"],
        ["A-3", "done"],
      ]),
    ).toBe("\uFEFF- [~] A-1 x\r\n- [~] A-2 y\r\n- [x] A-3 z\r\n");
  });

  it("replaces a whole emoji mark (✔️ is two UTF-16 units) and keeps emoji text around it", () => {
    const emoji = "- [✔️] A-1 ship 🚀\n- [✓] A-2 🎉 party\n";
    expect(
      set(emoji, [
        ["A-1", "inProgress"],
        ["A-2", "todo"],
      ]),
    ).toBe("- [~] A-1 ship 🚀\n- [ ] A-2 🎉 party\n");
    expect(set(emoji, [["A-1", "done"]])).toBe(emoji);
  });

  it("a task without a box gains one for the target; a [!] blocked task stays blocked for todo", () => {
    expect(set("- **BE-1:** Auth\n", [["BE-1", "inProgress"]])).toBe("- [~] **BE-1:** Auth\n");
    expect(set("- **BE-1:** Auth\n", [["BE-1", "todo"]])).toBe("- **BE-1:** Auth\n");
    expect(set("- [!] BE-1 Auth\n", [["BE-1", "todo"]])).toBe("- [!] BE-1 Auth\n");
    expect(set("- [!] BE-1 Auth\n", [["BE-1", "inProgress"]])).toBe("- [~] BE-1 Auth\n");
  });

  it("a Backlog.md task file gets the configured status value for each target", () => {
    const file = (status: string) =>
      ["---", "id: BACK-12", "title: Export", `status: ${status}`, "---", "", "Body", ""].join("\n");
    expect(set(file("To Do"), [["BACK-12", "inProgress"]])).toBe(file("In Progress"));
    expect(set(file("Done"), [["BACK-12", "todo"]])).toBe(file("To Do"));
    expect(set(file("In Progress"), [["BACK-12", "todo"]])).toBe(file("To Do"));
    expect(set(file("In Progress"), [["BACK-12", "open"]])).toBe(file("In Progress"));
    expect(set(file("'To Do'"), [["BACK-12", "inProgress"]])).toBe(file("'In Progress'"));
    const custom = { taskStatus: { open: ["Open", "New"], inProgress: ["Doing", "WIP"], done: ["Shipped"] } };
    expect(setTaskStates(file("New"), new Map([["BACK-12", "inProgress" as const]]), custom)).toBe(file("Doing"));
    expect(setTaskStates(file("WIP"), new Map([["BACK-12", "inProgress" as const]]), custom)).toBe(file("WIP"));
    expect(setTaskStates(file("WIP"), new Map([["BACK-12", "todo" as const]]), custom)).toBe(file("Open"));
  });

  it("property: only the targeted tasks' mark bytes change, and re-parsing gives the targets", () => {
    const marks = [" ", "x", "X", "~", "/", "-", "✓", "✔️", "!", null] as const;
    const words = fc.constantFrom("ship", "🚀", "auth", "[link](x)", "`code`", "**bold**", "é", "a  b");
    const line = fc.record({
      mark: fc.constantFrom(...marks),
      text: fc.array(words, { minLength: 1, maxLength: 4 }).map((w) => w.join(" ")),
      target: fc.option(fc.constantFrom<MarkTarget>("done", "open", "todo", "inProgress"), { nil: undefined }),
    });
    const docs = fc.record({
      lines: fc.array(line, { minLength: 1, maxLength: 12 }),
      eol: fc.constantFrom("\n", "\r\n"),
    });
    fc.assert(
      fc.property(docs, ({ lines, eol }) => {
        const rows = lines.map((l, i) => ({
          ...l,
          head: `- ${l.mark === null ? "" : `[${l.mark}] `}`,
          id: `T-${i + 1}`,
        }));
        const source = "# Plan" + eol + eol + rows.map((r) => `${r.head}**${r.id}:** ${r.text}`).join(eol) + eol;
        const targets = new Map(rows.flatMap((r) => (r.target ? [[r.id, r.target] as const] : [])));
        const output = setTaskStates(source, targets);
        const before = source.split(eol);
        const after = output.split(eol);
        expect(after.length).toBe(before.length);
        const tasks = new Map(parsePlan(output).tasks.map((t) => [t.id, t]));
        rows.forEach((row, i) => {
          const was = before[i + 2]!;
          const now = after[i + 2]!;
          if (!row.target) return expect(now).toBe(was);
          const rest = was.slice(row.head.length);
          // The line is the bullet, an optional box, then the untouched rest.
          expect(now.startsWith("- ")).toBe(true);
          expect(now.endsWith(rest)).toBe(true);
          const box = now.slice(2, now.length - rest.length);
          const task = tasks.get(row.id)!;
          expect(says(task, row.target)).toBe(true);
          // A task that already said the target is kept byte for byte; else it gets exactly the target's mark.
          if (says(parsePlan(was).tasks[0]!, row.target)) expect(now).toBe(was);
          else expect(box).toBe(`[${WRITTEN[row.target]}] `);
        });
      }),
      { seed: 4023, numRuns: 300 },
    );
  });
});

const config = configSchema.parse({});
const marker = (over: Partial<Marker> = {}): Marker => ({
  id: "BE-1",
  file: "docs/plan.md",
  state: "open",
  hash: "h",
  board: { p: "orgs/acme/7", f: { status: "todo" } },
  ...over,
});

describe("board moves (three-way, issue state first)", () => {
  it("only a move away from the agreed status counts", () => {
    expect(boardMove("open", marker(), "todo")).toBeNull();
    expect(boardMove("open", marker(), null)).toBeNull();
    expect(boardMove("open", marker({ board: { p: "orgs/acme/7", f: {} } }), "done")).toBeNull();
    expect(boardMove("open", marker({ board: { p: "orgs/acme/7", f: { status: "weird" } } }), "done")).toBeNull();
    expect(boardMove("open", marker({ board: undefined }), "done")).toBeNull();
  });

  it("the board decides alone when the issue's state did not move", () => {
    expect(boardMove("open", marker(), "done")).toEqual({ status: "done", state: "closed", target: "done" });
    expect(boardMove("open", marker(), "inProgress")).toEqual({
      status: "inProgress",
      state: "open",
      target: "inProgress",
    });
    const closed = marker({ state: "closed", board: { p: "orgs/acme/7", f: { status: "done" } } });
    expect(boardMove("closed", closed, "todo")).toEqual({ status: "todo", state: "open", target: "todo" });
    expect(boardMove("closed", closed, "inProgress")).toEqual({
      status: "inProgress",
      state: "open",
      target: "inProgress",
    });
  });

  it("when both moved, the issue's state decides ticked or not; the board only [~] or [ ]", () => {
    // Closed by a human while the card went to In Progress: ticked.
    expect(boardMove("closed", marker(), "inProgress")).toEqual({
      status: "inProgress",
      state: "closed",
      target: "done",
    });
    // Reopened by a human while the card went to Done: open, its mark as it was.
    const closed = marker({ state: "closed", board: { p: "orgs/acme/7", f: { status: "inProgress" } } });
    expect(boardMove("open", closed, "done")).toEqual({ status: "done", state: "open", target: "open" });
    expect(boardMove("open", closed, "todo")).toEqual({ status: "todo", state: "open", target: "todo" });
  });

  it("a pending issue carries the move, the state it asks for, and the state it has now; an epic owes nothing", () => {
    expect(pendingIssue(3, "open", "", marker(), true, "done")).toEqual({
      number: 3,
      state: "closed",
      marker: marker(),
      checklist: null,
      boardStatus: "done",
      target: "done",
      stateNow: "open",
    });
    expect(pendingIssue(3, "open", "", marker(), true, "todo")).toBeNull();
    expect(pendingIssue(3, "open", "", marker({ epic: true }), true, "done")).toBeNull();
    expect(pendingIssue(3, "closed", "", marker(), true, "inProgress")).toMatchObject({
      state: "closed",
      target: "done",
    });
    expect(pendingIssue(3, "closed", "", marker(), true, "inProgress")!.stateNow).toBeUndefined();
  });

  it("the agreed marker records the board's status and the new state", () => {
    const owed = pendingIssue(3, "open", "", marker(), true, "inProgress")!;
    expect(agreedMarker(owed, { before: null, after: null }, config)).toEqual({
      ...marker(),
      board: { p: "orgs/acme/7", f: { status: "inProgress" } },
    });
    const done = pendingIssue(3, "open", "", marker(), true, "done")!;
    expect(agreedMarker(done, { before: null, after: null }, config)).toMatchObject({
      state: "closed",
      board: { p: "orgs/acme/7", f: { status: "done" } },
    });
  });

  it("plans the marks, skipping what already matches, and names them in the commit message", () => {
    const text = "- [ ] BE-1 a\n- [~] BE-2 b\n- [ ] BE-3 c\n";
    const pending = [
      pendingIssue(1, "open", "", marker(), true, "inProgress")!,
      pendingIssue(2, "open", "", marker({ id: "BE-2" }), true, "inProgress")!,
      pendingIssue(3, "open", "", marker({ id: "BE-3" }), true, "done")!,
    ];
    const plan = planWriteBack(pending, new Map([["docs/plan.md", text]]), { insertCheckbox: true });
    expect(plan.files.get("docs/plan.md")).toBe("- [~] BE-1 a\n- [~] BE-2 b\n- [x] BE-3 c\n");
    expect(plan.flipped.map((i) => i.number)).toEqual([1, 3]);
    expect(plan.agreed.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(commitMessage([pending[0]!, pending[2]!])).toBe(
      "Check off BE-3 (#3); Mark BE-1 (#1) in progress\n\nSynced by plansync from the issues' state and board Status on GitHub: only checkboxes change.",
    );
    const todo = pendingIssue(
      4,
      "closed",
      "",
      marker({ id: "BE-4", state: "closed", board: { p: "orgs/acme/7", f: { status: "done" } } }),
      true,
      "todo",
    )!;
    expect(commitMessage([todo])).toMatch(/^Mark BE-4 \(#4\) to do\n/);
  });

  it("a box-less task is skipped when insertCheckbox is off", () => {
    const plan = planWriteBack(
      [pendingIssue(1, "open", "", marker(), true, "inProgress")!],
      new Map([["docs/plan.md", "- **BE-1:** a\n"]]),
      { insertCheckbox: false },
    );
    expect(plan.files.size).toBe(0);
    expect(plan.skipped.map((s) => s.reason)).toEqual(["BE-1 has no checkbox and writeBack.insertCheckbox is off"]);
  });
});
