import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { locateTask } from "../../src/sync/collect-tasks.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { decideType, desiredType, issueTypeName, issueTypeNote, needsIssueTypes } from "../../src/sync/issue-type.js";
import { readMarker, replaceMarker } from "../../src/sync/marker.js";
import { reconcileIssue } from "../../src/sync/reconcile-issue.js";
import { renderBody } from "../../src/sync/render-body.js";
import type { Operation, RemoteIssue } from "../../src/sync/sync-types.js";
import { createScoper } from "../../src/sync/task-scope.js";
import { remoteIssue } from "./scope-move-harness.js";

const config = (raw: unknown = null) => {
  const result = readConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
};
const ORG = new Map([
  ["Task", "IT_task"],
  ["Bug", "IT_bug"],
  ["Epic", "IT_epic"],
]);
const link = { htmlUrl: "https://github.com/o/r", sha: "abc" };
type Update = Extract<Operation, { kind: "update-issue" }>;

function desired(type: string | null | undefined) {
  const plan = parsePlan("- [ ] A-1 one\n");
  const d = desiredIssue(locateTask({ path: "docs/p.md", plan }, plan.tasks[0]!, createScoper([])), config());
  return type === undefined ? d : { ...d, type };
}

/** The issue a sync that agreed on `agreed` left, whose type is now `remote`. */
function issue(agreed: string | null | undefined, remote: string | null | undefined): RemoteIssue {
  const d = desired(agreed);
  const made = remoteIssue(d, renderBody(d, link, "open"), "open", 7);
  return { ...made, ...(remote !== undefined && { type: remote }) };
}

/** GitHub after the operations: the PATCH's type and body land. */
function after(remote: RemoteIssue, ops: Operation[]): RemoteIssue {
  const update = ops[0] as Update | undefined;
  if (!update) return remote;
  const body = update.marker ? replaceMarker(remote.body, update.marker) : (update.body ?? remote.body);
  return {
    ...remote,
    body,
    marker: readMarker(body)!,
    ...(update.type !== undefined && { type: update.type }),
  };
}

describe("desiredType", () => {
  it("is GitHub's spelling of the configured name, null when the owner lacks it, undefined when not read or not configured", () => {
    expect(desiredType(false, config({ types: { task: "task" } }), ORG)).toBe("Task");
    expect(desiredType(true, config(), ORG)).toBe("Epic");
    expect(desiredType(true, config(), new Map([["Task", "x"]]))).toBeNull();
    expect(desiredType(false, config(), null)).toBeNull();
    expect(desiredType(false, config(), undefined)).toBeUndefined();
    expect(desiredType(false, config({ types: false }), ORG)).toBeUndefined();
    expect(desiredType(true, config({ types: { epic: null } }), ORG)).toBeUndefined();
  });
});

describe("decideType: three-way, like state", () => {
  it("sets the doc's new kind while the issue keeps the agreed type", () => {
    expect(decideType("Epic", "Task", "Task")).toEqual({ set: "Epic", record: "Epic" });
  });
  it("leaves a human's type while the doc's kind did not move", () => {
    expect(decideType("Task", "Task", "Bug")).toEqual({ record: "Task" });
  });
  it("a marker from before types: sets the type on an issue without one, records an equal one, leaves another", () => {
    expect(decideType("Task", undefined, null)).toEqual({ set: "Task", record: "Task" });
    expect(decideType("Task", undefined, "task")).toEqual({ record: "Task" });
    expect(decideType("Task", undefined, "Bug")).toEqual({ record: undefined });
  });
  it("decides nothing when types or the issue's type were not read", () => {
    expect(decideType(undefined, "Task", "Bug")).toEqual({ record: "Task" });
    expect(decideType("Epic", "Task", undefined)).toEqual({ record: "Task" });
  });
  it("never removes a type: where the doc's type is unavailable, the issue's stays and the agreed one is kept", () => {
    expect(decideType(null, "Task", "Task")).toEqual({ record: "Task" });
    expect(decideType(null, "Task", "Bug")).toEqual({ record: "Task" });
    expect(decideType(null, undefined, "Task")).toEqual({ record: undefined });
    expect(decideType(null, null, null)).toEqual({ record: null });
  });
});

describe("reconcileIssue with types", () => {
  it("creates with the type and records it", () => {
    const [create] = reconcileIssue(desired("Task"), undefined, link);
    expect(create).toMatchObject({ kind: "create-issue", type: "Task" });
    expect(readMarker((create as { body: string }).body)?.type).toBe("Task");
  });

  it("a human's Bug stays: no operation", () => {
    expect(reconcileIssue(desired("Task"), issue("Task", "Bug"), link)).toEqual([]);
  });

  it("a marker without a type and an issue with the same type: nothing written just to record it", () => {
    expect(reconcileIssue(desired("Task"), issue(undefined, "Task"), link)).toEqual([]);
  });

  it("a marker without a type and an untyped issue: one update sets and records it", () => {
    const ops = reconcileIssue(desired("Task"), issue(undefined, null), link);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: "update-issue", type: "Task", reason: "issue type Task" });
    expect((ops[0] as Update).marker?.type).toBe("Task");
  });

  it("property: the decision follows the rule, and a second reconcile over the result makes 0 operations", () => {
    const name = fc.constantFrom("Task", "Epic", "Bug", "task");
    const doc = fc.oneof(name, fc.constant(null), fc.constant(undefined));
    const agreed = fc.oneof(name, fc.constant(null), fc.constant(undefined));
    const remote = fc.oneof(name, fc.constant(null));
    fc.assert(
      fc.property(doc, agreed, remote, (d, a, r) => {
        const wanted = desired(d);
        const before = issue(a, r);
        const ops = reconcileIssue(wanted, before, link);
        const set = (ops[0] as Update | undefined)?.type;
        const same = (x: unknown, y: unknown) =>
          typeof x === "string" && typeof y === "string" ? x.toLowerCase() === y.toLowerCase() : x === y;
        // The issue's type is written only when the doc moved from an agreed type the issue still
        // has, or a pre-types marker meets an untyped issue; and then to the doc's type.
        // A type the owner lacks (null) is never set, and no type is ever removed.
        const shouldSet =
          typeof d === "string" && !same(r, d) && (a === undefined ? r === null : !same(d, a) && same(r, a));
        expect(set !== undefined).toBe(shouldSet);
        if (shouldSet) expect(set).toBe(d);
        expect(reconcileIssue(wanted, after(before, ops), link)).toEqual([]);
      }),
    );
  });
});

describe("types converge whatever the owner", () => {
  it("property: any owner kind, types, marker type and issue type: no type removed, and a second reconcile makes 0 operations", () => {
    const name = fc.constantFrom("Task", "task", "Epic", "Bug", "Chore");
    const orgTypes = fc
      .uniqueArray(name, { maxLength: 4, comparator: (x, y) => x.toLowerCase() === y.toLowerCase() })
      .map((names) => new Map(names.map((n) => [n, `IT_${n}`])));
    // An organisation's types; null for a user's repository; undefined when not read.
    const owner = fc.oneof(orgTypes, fc.constant(null), fc.constant(undefined));
    const configs = fc.constantFrom(config(), config({ types: { task: "chore" } }), config({ types: { epic: null } }));
    const recorded = fc.oneof(name, fc.constant(null), fc.constant(undefined));
    const current = fc.oneof(name, fc.constant(null));
    const wanted = (
      epic: boolean,
      cfg: ReturnType<typeof config>,
      types: ReadonlyMap<string, string> | null | undefined,
      remote: RemoteIssue,
    ) => {
      const type = desiredType(epic, cfg, types, remote.type);
      return { ...desired(undefined), ...(type !== undefined && { type }) };
    };
    fc.assert(
      fc.property(fc.boolean(), configs, owner, owner, recorded, current, (epic, cfg, first, later, a, r) => {
        const before = issue(a, r);
        const ops = reconcileIssue(wanted(epic, cfg, first, before), before, link);
        expect((ops[0] as Update | undefined)?.type).not.toBeNull();
        const synced = after(before, ops);
        expect(reconcileIssue(wanted(epic, cfg, first, synced), synced, link)).toEqual([]);
        // A later sync that sees the type unavailable (a user's repository, an organisation
        // without it) or reads no types writes nothing either: no churn between the two views.
        const view = wanted(epic, cfg, later, synced);
        if (typeof view.type !== "string") expect(reconcileIssue(view, synced, link)).toEqual([]);
      }),
    );
  });
});

describe("needsIssueTypes and the note", () => {
  const typedIssue = (type: string | null | undefined) => issue(type, type);
  it("reads types only when a write goes out or some issue's type would be set", () => {
    expect(needsIssueTypes(config(), [], [typedIssue("Task")])).toBe(false);
    expect(needsIssueTypes(config(), [], [typedIssue(null)])).toBe(false);
    // A marker from before types: the issue's type decides, not the marker.
    expect(needsIssueTypes(config(), [], [issue(undefined, null)])).toBe(true);
    expect(needsIssueTypes(config(), [], [issue(undefined, "task")])).toBe(false);
    expect(needsIssueTypes(config(), [], [issue(undefined, "Bug")])).toBe(false);
    expect(needsIssueTypes(config(), [], [issue(undefined, undefined)])).toBe(false);
    // The config's name moved: only an issue still of the agreed type would change.
    expect(needsIssueTypes(config({ types: { task: "Chore" } }), [], [typedIssue("Task")])).toBe(true);
    expect(needsIssueTypes(config({ types: { task: "Chore" } }), [], [issue("Task", "Bug")])).toBe(false);
    expect(needsIssueTypes(config({ types: false }), [], [issue(undefined, null)])).toBe(false);
    const create = reconcileIssue(desired(undefined), undefined, link);
    expect(needsIssueTypes(config(), create, [])).toBe(true);
    expect(needsIssueTypes(config({ types: false }), create, [])).toBe(false);
  });

  it("property: a sync that reads no types misses no type it would set (but on a marker recording none)", () => {
    const name = fc.constantFrom("Task", "Chore", "task");
    const owned = fc.constantFrom<ReadonlyMap<string, string> | null>(ORG, new Map([["Chore", "IT_chore"]]), null);
    const agreed = fc.oneof(fc.constantFrom("Task", "Bug", "Chore"), fc.constant(null), fc.constant(undefined));
    const remote = fc.oneof(fc.constantFrom("Task", "Bug", "chore"), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(name, owned, agreed, remote, (n, types, a, r) => {
        // GitHub shows only a type the owner defines: a deleted one reads as none.
        fc.pre(typeof r !== "string" || (types !== null && issueTypeName(r, types) !== undefined));
        const cfg = config({ types: { task: n } });
        const before = issue(a, r);
        const wanted = (t: ReadonlyMap<string, string> | null | undefined) => ({
          ...desired(undefined),
          ...(desiredType(false, cfg, t, before.type) !== undefined && {
            type: desiredType(false, cfg, t, before.type),
          }),
        });
        const read = reconcileIssue(wanted(types), before, link);
        const unread = reconcileIssue(wanted(undefined), before, link);
        // Nothing is written unless the types were worth a read; unread, nothing is ever written.
        expect(unread).toEqual([]);
        if (read.length > 0) expect(needsIssueTypes(cfg, [], [before]) || (a === null && r === null)).toBe(true);
      }),
    );
  });

  it("names the user-owned repository, or the missing type, in one line", () => {
    const repo = { owner: "octo", repo: "plans" };
    const both = { task: true, epic: true };
    expect(issueTypeNote(config(), null, repo, both)).toBe(
      "Issue types: octo/plans is owned by a user, and only organisations have issue types; none were set. Set `types: false` in .github/plansync.yml to drop this note.",
    );
    expect(issueTypeNote(config(), new Map([["Task", "x"]]), repo, both)).toBe(
      "Issue types: octo defines no type named Epic; epics get no type. Create it in the organisation's settings, or set `types.epic`.",
    );
    expect(issueTypeNote(config(), new Map([["Task", "x"]]), repo, { task: true, epic: false })).toBeNull();
    expect(issueTypeNote(config(), ORG, repo, both)).toBeNull();
    expect(issueTypeNote(config(), undefined, repo, both)).toBeNull();
  });
});
