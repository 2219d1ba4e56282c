import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { reconcile } from "../../src/sync/reconcile.js";
import type { DocsSnapshot, Operation, RemoteState } from "../../src/sync/sync-types.js";
import { SubIssueModel } from "./sub-issue-order-model.js";

/**
 * For any doc of parents and children, with any mix of new issues and existing ones (under
 * another parent, under none, or under this one in another place): after a sync's operations,
 * each parent's sub-issues on GitHub are in the doc's order. Either the appends land in order,
 * or a reorder is planned after them. A later sync then plans no sub-issue change.
 */

const loaded = readConfig(null);
if (!loaded.ok) throw new Error("the default config is invalid");
const config = loaded.config;
const PATH = "docs/plan.md";
const empty: RemoteState = { issues: [], milestones: [], labels: new Set() };

function docs(text: string): DocsSnapshot {
  return {
    owner: "o",
    repo: "r",
    sha: "abc1234",
    htmlUrl: "https://github.com/o/r",
    files: [{ path: PATH, plan: parsePlan(text) }],
    coveredPaths: new Set([PATH]),
    complete: true,
  };
}

/** A doc: tasks in order, each at the top level or nested under the top-level task above it. */
interface Doc {
  items: { id: string; nested: boolean }[];
  text: string;
  /** Each parent's children in doc order. */
  children: Map<string, string[]>;
}

const IDS = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7"];

const nestedDoc: fc.Arbitrary<Doc> = fc
  .shuffledSubarray(IDS, { minLength: 1 })
  .chain((ids) =>
    fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }).map((n) => [ids, n] as const),
  )
  .map(([ids, nested]) => {
    const items = ids.map((id, i) => ({ id, nested: i > 0 && nested[i]! }));
    const children = new Map<string, string[]>();
    let top = "";
    for (const item of items) {
      if (!item.nested) top = item.id;
      else children.set(top, [...(children.get(top) ?? []), item.id]);
    }
    const lines = items.map((item) => `${item.nested ? "  " : ""}- [ ] ${item.id}: Task ${item.id}`);
    return { items, text: `# Plan\n\n${lines.join("\n")}\n`, children };
  });

/** Outline-numbered tasks, flat, in any order: `P1.2` is `P1`'s child wherever it is written. */
const OUTLINE = ["P1", "P1.1", "P1.2", "P1.3", "P2", "P2.1", "P2.2"];
const outlineDoc: fc.Arbitrary<Doc> = fc.shuffledSubarray(OUTLINE, { minLength: 1 }).map((ids) => {
  const children = new Map<string, string[]>();
  for (const id of ids) {
    const parent = id.includes(".") ? id.split(".")[0]! : null;
    if (parent && ids.includes(parent)) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  const lines = ids.map((id) => `- [ ] ${id}: Task ${id}`);
  return { items: ids.map((id) => ({ id, nested: false })), text: `# Plan\n\n${lines.join("\n")}\n`, children };
});

const hierarchyOps = (ops: Operation[]) =>
  ops.filter((op) => op.kind === "link-sub-issue" || op.kind === "unlink-sub-issue" || op.kind === "order-sub-issues");

/** Tasks the doc no longer has keep their issues (closed) under their parent, as GitHub does: they are left out. */
function expectDocOrder(model: SubIssueModel, doc: Doc) {
  const present = new Set(doc.items.map((i) => i.id));
  for (const id of present) {
    const onGitHub = model.subIssuesOf(id).filter((child) => present.has(child));
    expect([id, onGitHub]).toEqual([id, doc.children.get(id) ?? []]);
  }
}

/** Syncs `doc` against the model, applying its operations; returns them. */
function sync(model: SubIssueModel, doc: Doc, skip?: (op: Operation) => boolean): Operation[] {
  const { operations } = reconcile(docs(doc.text), model.remote(), config);
  model.apply(operations, skip);
  return operations;
}

describe("sub-issue order after a sync (any doc, new and existing issues)", () => {
  for (const [name, arbitrary] of [
    ["nested lists", nestedDoc],
    ["outline numbers written in any order", outlineDoc],
  ] as const)
    it(`puts every parent's sub-issues in doc order, ${name}`, () => {
      fc.assert(
        fc.property(arbitrary, arbitrary, (before, after) => {
          const model = new SubIssueModel();
          sync(model, before);
          expectDocOrder(model, before);
          sync(model, after);
          expectDocOrder(model, after);
          expect(hierarchyOps(reconcile(docs(after.text), model.remote(), config).operations)).toEqual([]);
        }),
        { numRuns: 500 },
      );
    });

  it("reaches doc order on the next sync after some creates were refused", () => {
    fc.assert(
      fc.property(
        nestedDoc,
        nestedDoc,
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        (before, after, refuse) => {
          const model = new SubIssueModel();
          sync(model, before);
          let creates = 0;
          sync(model, after, (op) => op.kind === "create-issue" && refuse[creates++ % refuse.length]!);
          sync(model, after);
          expectDocOrder(model, after);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("an empty remote gets no link and no reorder for a doc written in order", () => {
    const doc = "# Plan\n\n- [ ] A-1: P\n  - [ ] A-2: C1\n  - [ ] A-3: C2\n";
    const { operations } = reconcile(docs(doc), empty, config);
    expect(hierarchyOps(operations)).toEqual([]);
  });
});
