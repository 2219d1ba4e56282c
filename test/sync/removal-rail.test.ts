import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { checkReport } from "../../src/sync/check-report.js";
import { guardRemovals } from "../../src/sync/guard-removals.js";
import { renderMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import type { DocsSnapshot, IssueState, RemoteIssue } from "../../src/sync/sync-types.js";

const config = (raw: unknown = null) => {
  const result = readConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
};

/** A managed issue of task `PF-<n>` in docs/plan.md, in the given state. */
function managed(n: number, state: IssueState): RemoteIssue {
  const marker = { id: `PF-${n}`, file: "docs/plan.md", state, hash: "h" };
  return {
    number: n,
    id: 1000 + n,
    parent: null,
    subIssues: 0,
    blockedBy: 0,
    title: `Task ${n}`,
    body: `Task ${n}\n\n${renderMarker(marker)}`,
    state,
    labels: ["plansync"],
    milestone: null,
    assignees: [],
    marker,
  };
}

/** `open` open issues and `closed` closed ones, numbered from 1, the closed ones first. */
function issues(closed: number, open: number): RemoteIssue[] {
  return Array.from({ length: closed + open }, (_, i) => managed(i + 1, i < closed ? "closed" : "open"));
}

/** A sync that reads a plan with no tasks at all: a `paths` typo that matches an empty doc. */
const emptyDocs: DocsSnapshot = {
  owner: "o",
  repo: "r",
  sha: "abc1234def",
  htmlUrl: "https://github.com/o/r",
  files: [{ path: "docs/plan.md", plan: parsePlan("\n") }],
  coveredPaths: new Set(["docs/plan.md"]),
  complete: true,
};

describe("the mass-removal rail", () => {
  it("holds a typo that would close all 30 open issues of 100 managed, 70 of them done", () => {
    const remote = { issues: issues(70, 30), milestones: [], labels: new Set(["plansync"]) };
    const result = reconcile(emptyDocs, remote, config());
    expect(result.operations).toEqual([]);
    expect(result.heldRemovals.map((i) => i.number)).toEqual(Array.from({ length: 30 }, (_, i) => 71 + i));
    expect(result.removable).toBe(30);
  });

  it("names both numbers in the check run", () => {
    const held = issues(70, 30).slice(70);
    const report = checkReport({
      htmlUrl: "https://github.com/o/r",
      done: [],
      pending: [],
      dryRun: false,
      files: [],
      notes: [],
      held: { issues: held, sha: "abc1234def", limit: 10, removable: 30, action: "close" },
    });
    expect(report.conclusion).toBe("failure");
    expect(report.title).toBe("30 removals held: confirm them or fix the config");
    expect(report.summary).toContain(
      "30 of the 30 open managed issues would be closed at once, more than half of them and more than the limit of 10",
    );
  });

  it("lets a few removals through when most open issues stay", () => {
    const all = issues(70, 30);
    const gone = all.slice(70, 81); // 11 of the 30 open: over the limit, not over half
    const result = guardRemovals(gone, all, config(), new Set());
    expect(result).toEqual({ allowed: gone, held: [], removable: 30 });
  });

  // The rule: with `removable` = the managed issues a removal would still change (the open ones
  // when removals close; the unlabelled ones when they label), and `unconfirmed` = the removals
  // this sync would make that `removal.confirm` did not confirm, the rail holds exactly when
  // unconfirmed > limit and unconfirmed * 2 > removable. Closed issues never count: closing none
  // of them, they cannot make a mass closing look small.
  it("holds exactly when the removals pass the limit and half the open managed issues", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 60 }),
        (closed, open, goneOpenRaw, limit, goneClosedRaw) => {
          const all = issues(closed, open);
          const goneOpen = goneOpenRaw % (open + 1);
          const goneClosed = goneClosedRaw % (closed + 1);
          const gone = [...all.slice(0, goneClosed), ...all.slice(closed, closed + goneOpen)];
          const result = guardRemovals(gone, all, config({ removal: { action: "close", limit } }), new Set());
          const holds = goneOpen > limit && goneOpen * 2 > open;
          expect(result.removable).toBe(open);
          expect(result.held.length).toBe(holds ? goneOpen : 0);
          expect(result.allowed.length).toBe(holds ? 0 : goneOpen);
        },
      ),
    );
  });
});
