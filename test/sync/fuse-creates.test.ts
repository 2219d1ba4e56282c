import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuseCreates } from "../../src/sync/fuse-creates.js";
import type { IssueRef, Operation } from "../../src/sync/sync-types.js";

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
const link = (child: IssueRef, parent: IssueRef, replace = false): Link => ({
  kind: "link-sub-issue",
  child,
  parent,
  taskId: "taskId" in child ? child.taskId : `#${child.number}`,
  parentTaskId: "taskId" in parent ? parent.taskId : `#${parent.number}`,
  replace,
});
const unlink = (parent: number, child: number): Operation => ({
  kind: "unlink-sub-issue",
  parent: { number: parent },
  child: { number: child },
  taskId: `#${child}`,
});

describe("fuseCreates", () => {
  it("carries a new child's link in its create when the parent exists already", () => {
    const ops = [create("BE-1"), link({ taskId: "BE-1" }, { number: 7 })];
    expect(fuseCreates(ops)).toEqual([{ ...create("BE-1"), parent: { issue: { number: 7 }, taskId: "#7" } }]);
  });

  it("carries it when the parent's create comes earlier, and keeps the rest of the operations in order", () => {
    const blocked: Operation = {
      kind: "set-blocked-by",
      issue: { taskId: "BE-2" },
      taskId: "BE-2",
      add: [{ ref: { taskId: "BE-1" }, taskId: "BE-1" }],
      remove: [],
      read: false,
    };
    const ops = [create("Epic 1"), create("BE-1"), create("BE-2"), link({ taskId: "BE-1" }, { taskId: "Epic 1" })];
    const fused = fuseCreates([...ops, link({ taskId: "BE-2" }, { taskId: "Epic 1" }), blocked]);
    expect(fused).toEqual([
      create("Epic 1"),
      { ...create("BE-1"), parent: { issue: { taskId: "Epic 1" }, taskId: "Epic 1" } },
      { ...create("BE-2"), parent: { issue: { taskId: "Epic 1" }, taskId: "Epic 1" } },
      blocked,
    ]);
  });

  it("keeps the link when the parent is created later: the child cannot name it yet", () => {
    const ops = [create("C"), create("P"), link({ taskId: "C" }, { taskId: "P" })];
    expect(fuseCreates(ops)).toEqual(ops);
  });

  it("keeps links of existing children, moves, and links to a parent losing a sub-issue in this sync", () => {
    const ops = [
      unlink(9, 12),
      create("A"),
      create("B"),
      link({ number: 3 }, { taskId: "A" }),
      link({ taskId: "B" }, { number: 9 }),
      link({ number: 4 }, { number: 8 }, true),
    ];
    expect(fuseCreates(ops)).toEqual(ops);
  });

  it("changes nothing without links", () => {
    const ops = [create("A"), create("B")];
    expect(fuseCreates(ops)).toEqual(ops);
  });
});

/** Random plans: creates of T0..Tn in a random order, links to existing numbers or created tasks, some unlinks. */
const plans = fc
  .record({
    order: fc.shuffledSubarray(
      Array.from({ length: 8 }, (_, i) => `T${i}`),
      { minLength: 1 },
    ),
    links: fc.array(
      fc.record({
        child: fc.oneof(
          fc.nat(7).map((i) => ({ taskId: `T${i}` })),
          fc.integer({ min: 1, max: 5 }).map((number) => ({ number })),
        ),
        parent: fc.oneof(
          fc.nat(7).map((i) => ({ taskId: `T${i}` })),
          fc.integer({ min: 1, max: 5 }).map((number) => ({ number })),
        ),
        replace: fc.boolean(),
      }),
      { maxLength: 10 },
    ),
    unlinks: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
  })
  .map(({ order, links, unlinks }): Operation[] => [
    ...unlinks.map((p) => unlink(p, 100 + p)),
    ...order.map(create),
    ...links.map((l) => link(l.child as IssueRef, l.parent as IssueRef, l.replace)),
  ]);

describe("fuseCreates, for every plan", () => {
  it("loses no operation: each link is kept, or carried by its child's create under a parent that exists by then", () => {
    fc.assert(
      fc.property(plans, (ops) => {
        const fused = fuseCreates(ops);
        const creates = fused.filter((op): op is Create => op.kind === "create-issue");
        const createdAt = new Map(
          fused.flatMap((op, i) => (op.kind === "create-issue" ? [[op.taskId, i] as const] : [])),
        );
        const losing = new Set(ops.flatMap((op) => (op.kind === "unlink-sub-issue" ? [op.parent.number] : [])));
        for (const op of ops) {
          if (op.kind === "create-issue") {
            expect(creates.filter((c) => c.taskId === op.taskId)).toHaveLength(1);
            continue;
          }
          if (fused.includes(op)) continue;
          // A dropped op is a link carried by the create of its child.
          expect(op.kind).toBe("link-sub-issue");
          const l = op as Link;
          const child = creates.find((c) => "taskId" in l.child && c.taskId === l.child.taskId)!;
          expect(child.parent).toEqual({ issue: l.parent, taskId: l.parentTaskId });
          if ("taskId" in l.parent) expect(createdAt.get(l.parent.taskId)!).toBeLessThan(createdAt.get(child.taskId)!);
          else expect(losing.has(l.parent.number)).toBe(false);
          expect(l.replace).toBe(false);
        }
        // Every carried parent stands for exactly one dropped link.
        const carried = creates.filter((c) => c.parent !== undefined).length;
        expect(fused.length).toBe(ops.length - carried);
        // Nothing else moved: the non-create operations keep their order.
        expect(fused.filter((op) => op.kind !== "create-issue")).toEqual(
          ops.filter((op) => op.kind !== "create-issue" && fused.includes(op)),
        );
        // No idempotence claim: reconcile fuses once, and a second pass over fused output has lost
        // which children were carried before the first link that could not be (see fuse-creates.ts).
      }),
      { numRuns: 500 },
    );
  });
});
