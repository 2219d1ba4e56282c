import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { readMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import type { DocsSnapshot, IssueState, Operation, RemoteIssue, RemoteState } from "../../src/sync/sync-types.js";

/** `hierarchy.closeEpics` in the pure core: when plansync moves an epic's state, and when a human's move stands. */

const PATH = "docs/plan.md";
const plan = (ticks: boolean[]) =>
  [
    "# Plan",
    "",
    "### Epic 1: Billing",
    "",
    ...ticks.map((t, i) => `- [${t ? "x" : " "}] BIL-${i + 1}: Story ${i + 1}`),
    "",
  ].join("\n");

function configWith(closeEpics: "when-done" | "never") {
  const read = readConfig({ hierarchy: { closeEpics } });
  if (!read.ok) throw new Error(read.errors.join("; "));
  return read.config;
}

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

const empty: RemoteState = { issues: [], milestones: [], labels: new Set(["plansync", "epic"]) };

/** GitHub after a sync of `text` applied in full, with the epic's issue then set to `epicState` by a human. */
function syncedRemote(text: string, closeEpics: "when-done" | "never", epicState?: IssueState): RemoteState {
  const ops = reconcile(docs(text), empty, configWith(closeEpics)).operations;
  const issues: RemoteIssue[] = ops.flatMap((op, i) => {
    if (op.kind !== "create-issue") return [];
    const close = ops.find((o) => o.kind === "update-issue" && o.taskId === op.taskId);
    const body = close?.kind === "update-issue" && close.body ? close.body : op.body;
    const marker = readMarker(body)!;
    const state = marker.epic && epicState ? epicState : marker.state;
    return [
      {
        number: i + 1,
        id: 100 + i,
        parent: null,
        subIssues: 0,
        blockedBy: 0,
        title: op.title,
        body,
        state,
        labels: op.labels,
        milestone: null,
        assignees: [],
        marker,
      },
    ];
  });
  return { ...empty, issues };
}

const epicOps = (ops: Operation[]) =>
  ops.filter(
    (op): op is Extract<Operation, { kind: "update-issue" }> =>
      op.kind === "update-issue" && op.taskId.startsWith("Epic 1"),
  );

describe("closeEpics: when-done", () => {
  it("closes a new epic whose stories are all done, and an existing one when its last story is ticked", () => {
    const created = reconcile(docs(plan([true, true])), empty, configWith("when-done")).operations;
    expect(epicOps(created).map((op) => op.state)).toEqual(["closed"]);
    const remote = syncedRemote(plan([true, false]), "when-done");
    const ops = reconcile(docs(plan([true, true])), remote, configWith("when-done")).operations;
    expect(epicOps(ops).map((op) => [op.state, op.stateReason])).toEqual([["closed", "completed"]]);
  });

  it("leaves a human's reopen of a done epic while nothing changes, and closes it once a story changes", () => {
    const remote = syncedRemote(plan([true, true]), "when-done", "open");
    expect(epicOps(reconcile(docs(plan([true, true])), remote, configWith("when-done")).operations)).toEqual([]);
    const added = reconcile(docs(plan([true, true, true])), remote, configWith("when-done")).operations;
    expect(epicOps(added).map((op) => op.state)).toEqual(["closed"]);
  });

  it("leaves a human's close of an open epic while nothing changes, and reopens it once a story changes", () => {
    const remote = syncedRemote(plan([false, false, false]), "when-done", "closed");
    expect(epicOps(reconcile(docs(plan([false, false, false])), remote, configWith("when-done")).operations)).toEqual(
      [],
    );
    const ticked = reconcile(docs(plan([true, false, false])), remote, configWith("when-done")).operations;
    expect(epicOps(ticked).map((op) => [op.state, op.stateReason])).toEqual([["open", "reopened"]]);
  });

  it("a story change that agrees with the human's move writes the body and the agreed state, no state change", () => {
    const remote = syncedRemote(plan([true, false]), "when-done", "closed");
    const [update] = epicOps(reconcile(docs(plan([true, true])), remote, configWith("when-done")).operations);
    expect(update!.state).toBeUndefined();
    expect(readMarker(update!.body)!.state).toBe("closed");
  });
});

describe("closeEpics when-done: the epic's marker records its stories' ticks", () => {
  it("records one x or space per story in `checks`, and a retitle leaves a human's close standing", () => {
    const remote = syncedRemote(plan([true, false]), "when-done", "closed");
    expect(remote.issues.find((i) => i.marker.epic)!.marker.checks).toBe("x ");
    const retitled = plan([true, false]).replace("Story 2", "Story two");
    const [update] = epicOps(reconcile(docs(retitled), remote, configWith("when-done")).operations);
    expect(update!.state).toBeUndefined();
    expect(readMarker(update!.body)).toMatchObject({ state: "open", checks: "x " });
  });

  it("a marker from before ticks were recorded (empty `checks`) leaves a human's close standing", () => {
    const remote = syncedRemote(plan([false, false]), "when-done", "closed");
    const legacy: RemoteState = {
      ...remote,
      issues: remote.issues.map((i) =>
        i.marker.epic ? { ...i, marker: { ...i.marker, checks: "", hash: "old" } } : i,
      ),
    };
    const [update] = epicOps(reconcile(docs(plan([true, false])), legacy, configWith("when-done")).operations);
    expect(update!.state).toBeUndefined();
    expect(readMarker(update!.body)!.checks).toBe("x ");
  });
});

describe("closeEpics: never", () => {
  it("creates an epic open even when all its stories are done", () => {
    const ops = reconcile(docs(plan([true, true])), empty, configWith("never")).operations;
    expect(ops.filter((op) => op.kind === "create-issue").map((op) => op.taskId)).toContain("Epic 1 (docs/plan.md)");
    expect(epicOps(ops)).toEqual([]);
  });

  it("never closes or reopens the epic: the last story ticked, a human's close, a story unticked", () => {
    const open = syncedRemote(plan([true, false]), "never");
    const ticked = epicOps(reconcile(docs(plan([true, true])), open, configWith("never")).operations);
    expect(ticked.map((op) => op.state)).toEqual([undefined]);
    const closedByHuman = syncedRemote(plan([true, false]), "never", "closed");
    const unticked = epicOps(reconcile(docs(plan([false, false])), closedByHuman, configWith("never")).operations);
    expect(unticked.map((op) => op.state)).toEqual([undefined]);
  });

  it("switching from when-done reopens no epic plansync had closed", () => {
    const closed = syncedRemote(plan([true, true]), "when-done");
    expect(closed.issues.find((i) => i.marker.epic)!.state).toBe("closed");
    const ops = epicOps(reconcile(docs(plan([true, false])), closed, configWith("never")).operations);
    expect(ops.map((op) => op.state)).toEqual([undefined]);
    expect(epicOps(reconcile(docs(plan([true, true])), closed, configWith("never")).operations)).toEqual([]);
  });
});
