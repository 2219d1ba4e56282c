import { describe, expect, it } from "vitest";
import { fuseCreates } from "../../src/sync/fuse-creates.js";
import { appendsOutOfPlace } from "../../src/sync/reconcile-sub-issues.js";
import type { IssueRef, Operation } from "../../src/sync/sync-types.js";

/**
 * A carried child lands at its create, before the sync's links: under a parent created in this
 * sync (never reordered), links are carried only while they keep the doc's order; an existing
 * parent is reordered instead when its appends land out of place.
 */

type Create = Extract<Operation, { kind: "create-issue" }>;
type Link = Extract<Operation, { kind: "link-sub-issue" }>;

const create = (taskId: string): Create => ({
  kind: "create-issue",
  taskId,
  title: `${taskId}: title`,
  body: "body",
  labels: ["plansync"],
  milestone: null,
  assignees: [],
});
const link = (child: IssueRef, parent: IssueRef): Link => ({
  kind: "link-sub-issue",
  child,
  parent,
  taskId: "taskId" in child ? child.taskId : `#${child.number}`,
  parentTaskId: "taskId" in parent ? parent.taskId : `#${parent.number}`,
  replace: false,
});
const under = (create: Create, parent: string): Create => ({
  ...create,
  parent: { issue: { taskId: parent }, taskId: parent },
});

describe("fuseCreates keeps a new parent's sub-issues in doc order", () => {
  it("carries none when the first child in doc order is an existing issue", () => {
    const ops = [
      create("P"),
      create("C2"),
      link({ number: 5 }, { taskId: "P" }),
      link({ taskId: "C2" }, { taskId: "P" }),
    ];
    expect(fuseCreates(ops)).toEqual(ops);
  });

  it("carries the head of the doc order and links the rest after it", () => {
    const ops = [
      create("P"),
      create("C1"),
      create("C3"),
      link({ taskId: "C1" }, { taskId: "P" }),
      link({ number: 5 }, { taskId: "P" }),
      link({ taskId: "C3" }, { taskId: "P" }),
    ];
    expect(fuseCreates(ops)).toEqual([
      create("P"),
      under(create("C1"), "P"),
      create("C3"),
      link({ number: 5 }, { taskId: "P" }),
      link({ taskId: "C3" }, { taskId: "P" }),
    ]);
  });

  it("carries none when a child written above its parent comes first (outline numbers)", () => {
    const ops = [
      create("A1.1"),
      create("A1"),
      create("A1.2"),
      link({ taskId: "A1.1" }, { taskId: "A1" }),
      link({ taskId: "A1.2" }, { taskId: "A1" }),
    ];
    expect(fuseCreates(ops)).toEqual(ops);
  });

  it("still carries every new child of an existing parent (the reorder comes after the links)", () => {
    const ops = [create("C2"), link({ number: 5 }, { number: 9 }), link({ taskId: "C2" }, { number: 9 })];
    expect(fuseCreates(ops)).toEqual([
      { ...create("C2"), parent: { issue: { number: 9 }, taskId: "#9" } },
      link({ number: 5 }, { number: 9 }),
    ]);
  });
});

describe("appendsOutOfPlace", () => {
  const appended = (...links: Link[]) => new Map(links.map((l) => [l.taskId, l]));
  const toParent = (child: IssueRef) => link(child, { number: 1 });

  it("is false for no appends, or new children appended after every child already there", () => {
    const underNow = (key: string) => key === "A" || key === "B";
    expect(appendsOutOfPlace(["A", "B", "C"], appended(), underNow)).toBe(false);
    expect(
      appendsOutOfPlace(["A", "B", "C", "D"], appended(toParent({ taskId: "C" }), toParent({ taskId: "D" })), underNow),
    ).toBe(false);
    expect(
      appendsOutOfPlace(
        ["A", "B", "C", "D"],
        appended(toParent({ taskId: "C" }), { ...toParent({ number: 4 }), taskId: "D" }),
        underNow,
      ),
    ).toBe(false);
  });

  it("is true when a child already there comes after an appended one in the doc", () => {
    expect(appendsOutOfPlace(["A", "B", "C"], appended(toParent({ taskId: "B" })), (key) => key !== "B")).toBe(true);
  });

  it("is true when an existing issue appended comes before a new child (the create lands first)", () => {
    const links = appended({ ...toParent({ number: 4 }), taskId: "B" }, toParent({ taskId: "C" }));
    expect(appendsOutOfPlace(["A", "B", "C"], links, (key) => key === "A")).toBe(true);
  });
});
