import { describe, expect, it } from "vitest";
import { parsePlan, setTaskState, setTaskStates, UnknownTaskError } from "../../src/plan/index.js";
import { planFixtures } from "../fixture-files.js";

/** The single edit between two strings: where it starts, what was removed and what was inserted. */
function diff(before: string, after: string) {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { at: start, removed: before.slice(start, endBefore), inserted: after.slice(start, endAfter) };
}

describe("setTaskState", () => {
  it("keeps a mark as written unless the state really changes", () => {
    const doc = "- [~] A-1 doing\n- [✓] A-2 done\n- [-] A-3 deferred\n- [✔️] A-4 done\n1. [/] A-5 half\n";
    expect(
      setTaskStates(
        doc,
        new Map([
          ["A-1", false],
          ["A-2", true],
          ["A-3", false],
          ["A-4", true],
          ["A-5", false],
        ]),
      ),
    ).toBe(doc);
    expect(setTaskState(doc, "A-1", true)).toBe(doc.replace("[~]", "[x]"));
    expect(setTaskState(doc, "A-2", false)).toBe(doc.replace("[✓]", "[ ]"));
    expect(setTaskState(doc, "A-4", false)).toBe(doc.replace("[✔️]", "[ ]"));
    expect(setTaskState(doc, "A-5", true)).toBe(doc.replace("[/]", "[x]"));
  });

  it("flips Kiro's optional `[ ]*` and outline-numbered tasks, keeping the star", () => {
    const doc = "- [ ]* 2.3 Property tests\n- [x] 2.1 Types\n";
    expect(setTaskState(doc, "2.3", true)).toBe("- [x]* 2.3 Property tests\n- [x] 2.1 Types\n");
    expect(setTaskState(doc, "2.1", false)).toBe("- [ ]* 2.3 Property tests\n- [ ] 2.1 Types\n");
  });

  it("ticks and unticks a box", () => {
    expect(setTaskState("- [ ] A-1 x\n", "A-1", true)).toBe("- [x] A-1 x\n");
    expect(setTaskState("- [x] A-1 x\n", "A-1", false)).toBe("- [ ] A-1 x\n");
    expect(setTaskState("- [X] A-1 x\n", "A-1", false)).toBe("- [ ] A-1 x\n");
  });

  it("leaves a box already in the wanted state alone, keeping [X] as written", () => {
    expect(setTaskState("- [X] A-1 x\n", "A-1", true)).toBe("- [X] A-1 x\n");
    expect(setTaskState("- [ ] A-1 x\n", "A-1", false)).toBe("- [ ] A-1 x\n");
  });

  it("inserts a box after the bullet of an item without one", () => {
    expect(setTaskState("- **BE-101:** Auth\n", "BE-101", true)).toBe("- [x] **BE-101:** Auth\n");
    expect(setTaskState("- **BE-101:** Auth\n", "BE-101", false)).toBe("- **BE-101:** Auth\n");
    expect(setTaskState("3)  NUM-3 Third\n", "NUM-3", true)).toBe("3)  [x] NUM-3 Third\n");
  });

  it("edits the first occurrence of a duplicated ID", () => {
    expect(setTaskState("- [ ] D-1 a\n- [ ] D-1 b\n", "D-1", true)).toBe("- [x] D-1 a\n- [ ] D-1 b\n");
  });

  it("keeps a BOM and CRLF line endings", () => {
    expect(setTaskState("\uFEFF- [ ] A-1 x\r\n- [ ] A-2 y\r\n", "A-2", true)).toBe(
      "\uFEFF- [ ] A-1 x\r\n- [x] A-2 y\r\n",
    );
  });

  it("names the IDs the document has when the ID is unknown", () => {
    expect(() => setTaskState("- [ ] A-1 x\n- [ ] A-2 y\n", "B-9", true)).toThrow(UnknownTaskError);
    expect(() => setTaskState("- [ ] A-1 x\n- [ ] A-2 y\n", "B-9", true)).toThrow(
      "No task B-9 in this document. Its task IDs are: A-1, A-2.",
    );
  });
});

/** Fixtures small enough to re-parse once per task; large.md is checked in one batch below. */
const PER_TASK_LIMIT = 100;

describe("setTaskState on every fixture: only the checkbox bytes change", () => {
  for (const { name, source } of planFixtures()) {
    const before = parsePlan(source);
    if (before.tasks.length === 0 || before.tasks.length > PER_TASK_LIMIT) continue;
    it(`${name}: flips each of its ${before.tasks.length} tasks alone`, () => {
      for (const task of before.tasks) {
        const done = task.checked !== true;
        const after = setTaskState(source, task.id, done);
        const change = diff(source, after);
        if (task.checked === null) {
          expect(change).toEqual({ at: task.checkbox.contentOffset, removed: "", inserted: "[x] " });
        } else if (task.statusField) {
          // A task file's state is its status value: only that node's bytes change.
          expect(change.at).toBeGreaterThanOrEqual(task.statusField.offset);
          expect(change.at + change.removed.length).toBeLessThanOrEqual(
            task.statusField.offset + task.statusField.length,
          );
        } else {
          // Every mark (`~`, `✓`, `✔️`…) is replaced whole, and nothing around it changes.
          expect(change.at).toBe(task.checkbox.markOffset);
          expect(change.removed).toBe(task.checkbox.mark);
          expect(change.inserted).toBe(done ? "x" : " ");
        }
        const reparsed = parsePlan(after);
        const flipped = reparsed.tasks.map((t) => [t.id, t.checked]);
        const expected = before.tasks.map((t) => [t.id, t.id === task.id ? done : t.checked]);
        expect(flipped).toEqual(expected);
        expect(reparsed.tasks.map((t) => t.title)).toEqual(before.tasks.map((t) => t.title));
      }
    });
  }
});

describe("setTaskStates on the large fixture: every task flipped in one batch", () => {
  const { source } = planFixtures().find((f) => f.name === "large.md")!;
  const before = parsePlan(source);
  const flips = new Map(before.tasks.map((t) => [t.id, t.checked !== true]));
  const after = setTaskStates(source, flips);

  it("changes exactly one byte per task, at its checkbox", () => {
    expect(after.length).toBe(source.length);
    const changed = [...source].flatMap((char, i) => (char === after[i] ? [] : [i]));
    expect(changed).toEqual(before.tasks.map((t) => t.checkbox.markOffset));
    for (const i of changed) expect([source[i], after[i]].sort().join("")).toMatch(/^ [xX]$/);
  });

  it("re-parses with every state flipped and every title kept", () => {
    const reparsed = parsePlan(after);
    expect(reparsed.tasks.map((t) => [t.id, t.checked, t.title])).toEqual(
      before.tasks.map((t) => [t.id, !t.checked, t.title]),
    );
  });

  it("agrees with setTaskState on a spread of single tasks", () => {
    for (const task of before.tasks.filter((_, i) => i % 400 === 0)) {
      const single = setTaskState(source, task.id, !task.checked);
      expect(single).toBe(setTaskStates(source, new Map([[task.id, !task.checked]])));
      expect(diff(source, single).at).toBe(task.checkbox.markOffset);
    }
  });
});
