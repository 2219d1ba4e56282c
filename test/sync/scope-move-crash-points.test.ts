import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { collectTasks } from "../../src/sync/collect-tasks.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { readMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import { renderBody } from "../../src/sync/render-body.js";
import type { DocsSnapshot, Operation, RemoteIssue } from "../../src/sync/sync-types.js";
import { createScoper } from "../../src/sync/task-scope.js";

// Helpers (as in test/sync/scope-moves.test.ts).
const config = (raw: unknown = null) => {
  const result = readConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
};
const before = config({ ids: { scopes: [{ paths: "**", scope: "path" }] } });

function docs(files: Record<string, string>, extra: Partial<DocsSnapshot> = {}): DocsSnapshot {
  return {
    owner: "o",
    repo: "r",
    sha: "abc1234def",
    htmlUrl: "https://github.com/o/r",
    files: Object.entries(files).map(([path, text]) => ({ path, plan: parsePlan(text) })),
    coveredPaths: new Set(Object.keys(files)),
    complete: true,
    ...extra,
  };
}

/** The issues a finished sync of `files` under `cfg` leaves: one per task, states agreed. */
function syncedIssues(files: Record<string, string>, cfg = config(), first = 1): RemoteIssue[] {
  const scoper = createScoper(cfg.ids.scopes);
  const { winners } = collectTasks(docs(files).files, new Map(), scoper);
  return winners.map((located, i): RemoteIssue => {
    const desired = desiredIssue(located, cfg);
    const body = renderBody(desired, { htmlUrl: "https://github.com/o/r", sha: "old" }, desired.state);
    const number = first + i;
    return {
      number,
      id: 1000 + number,
      parent: null,
      subIssues: 0,
      blockedBy: 0,
      title: desired.title,
      body,
      state: desired.state,
      labels: desired.labels,
      milestone: desired.milestone,
      assignees: [],
      marker: readMarker(body)!,
    };
  });
}

function remote(issues: RemoteIssue[]) {
  return { issues, milestones: [], labels: new Set(["plansync"]) };
}

/** GitHub after an update-issue landed (title, body, state, marker). */
function applyUpdate(issue: RemoteIssue, op: Operation): RemoteIssue {
  if (op.kind !== "update-issue") throw new Error(op.kind);
  const body = op.body ?? issue.body;
  return {
    ...issue,
    title: op.title ?? issue.title,
    body,
    state: op.state ?? issue.state,
    marker: op.marker ?? readMarker(body) ?? issue.marker,
  };
}

/** Applies every update-issue in `ops` (a sync that finished), or only those to `only`. */
function applyAll(issues: RemoteIssue[], ops: Operation[], only?: Set<number>): RemoteIssue[] {
  return issues.map((issue) =>
    ops
      .filter((o) => o.kind === "update-issue" && "number" in o.issue && o.issue.number === issue.number)
      .filter(() => only === undefined || only.has(issue.number))
      .reduce(applyUpdate, issue),
  );
}

const creates = (ops: Operation[]) => ops.filter((o) => o.kind === "create-issue");
const closesAsRemoved = (ops: Operation[]) =>
  ops.filter((o) => o.kind === "update-issue" && o.stateReason === "not_planned");
const comments = (ops: Operation[]) => ops.filter((o) => o.kind === "comment");

const updatedNumbers = (ops: Operation[]) =>
  ops.flatMap((o) => (o.kind === "update-issue" && "number" in o.issue ? [o.issue.number] : []));

/** Every way a sync can die part-way: the updates to the first k issues landed, the rest did not. */
function crashPoints(issues: RemoteIssue[], ops: Operation[]): RemoteIssue[][] {
  const order = [...new Set(updatedNumbers(ops))];
  return order.map((_, k) => applyAll(issues, ops, new Set(order.slice(0, k + 1))));
}

const specKit = "- [ ] T001 Create the album model\n- [x] T002 Upload photos\n- [ ] T003 Share an album\n";
interface Case {
  issues: RemoteIssue[];
  files: Record<string, string>;
  cfg: ReturnType<typeof config>;
  /** A push's read: these deleted paths and the files, not the whole tree. */
  pushed?: string[];
}
const cases: [string, () => Case][] = [
  [
    "a renamed spec-kit folder",
    () => ({
      issues: syncedIssues({ "specs/003-photos/tasks.md": specKit }),
      files: { "specs/003-photo-albums/tasks.md": specKit },
      cfg: config(),
    }),
  ],
  [
    "an archived OpenSpec change",
    () => ({
      issues: syncedIssues({
        "openspec/changes/add-login/tasks.md": "- [ ] 1.1 Form\n- [ ] 1.2 Check\n- [ ] 1.3 Test\n",
      }),
      files: {
        "openspec/changes/archive/2026-12-01-add-login/tasks.md": "- [x] 1.1 Form\n- [x] 1.2 Check\n- [ ] 1.3 Test\n",
      },
      cfg: config(),
    }),
  ],
  [
    "an archived OpenSpec change, seen in its push",
    () => ({
      issues: syncedIssues({ "openspec/changes/add-login/tasks.md": "- [ ] 1.1 Form\n- [ ] 1.2 Check\n" }),
      files: { "openspec/changes/archive/2026-12-01-add-login/tasks.md": "- [x] 1.1 Form\n- [ ] 1.2 Check\n" },
      cfg: config(),
      pushed: ["openspec/changes/add-login/tasks.md"],
    }),
  ],
  [
    "a renamed folder leaving a done task's closed issue behind",
    () => ({
      issues: syncedIssues({ "specs/003-photos/tasks.md": `${specKit}- [x] T004 Old task\n` }),
      files: { "specs/003-photo-albums/tasks.md": specKit },
      cfg: config(),
    }),
  ],
  [
    "two folders that swapped names",
    () => ({
      issues: [
        ...syncedIssues({ "specs/001-a/tasks.md": "- [x] T001 Alpha model\n- [ ] T002 Alpha view\n" }),
        ...syncedIssues({ "specs/002-b/tasks.md": "- [ ] T001 Beta model\n- [x] T002 Beta view\n" }, config(), 3),
      ],
      files: {
        "specs/001-a/tasks.md": "- [ ] T001 Beta model\n- [x] T002 Beta view\n",
        "specs/002-b/tasks.md": "- [x] T001 Alpha model\n- [ ] T002 Alpha view\n",
      },
      cfg: config(),
    }),
  ],
];

describe("a move whose sync dies after any of its updates", () => {
  for (const [name, setup] of cases)
    it(`${name}: the retry creates, removes, comments and flips nothing, and then all is agreed`, () => {
      const { issues, files, cfg, pushed } = setup();
      const read = () =>
        pushed
          ? docs(files, { complete: false, coveredPaths: new Set([...Object.keys(files), ...pushed]) })
          : docs(files);
      const first = reconcile(read(), remote(issues), cfg);
      expect(first.needsFullScan).toBe(false);
      expect(creates(first.operations)).toEqual([]);
      const finished = applyAll(issues, first.operations);
      expect(reconcile(read(), remote(finished), cfg).operations).toEqual([]);
      for (const partly of crashPoints(issues, first.operations)) {
        const retry = reconcile(read(), remote(partly), cfg);
        expect(retry.needsFullScan).toBe(false);
        expect(creates(retry.operations)).toEqual([]);
        expect(closesAsRemoved(retry.operations)).toEqual([]);
        expect(comments(retry.operations)).toEqual([]);
        const after = applyAll(partly, retry.operations);
        expect(after.map((i) => [i.number, i.title, i.state, i.marker.file])).toEqual(
          finished.map((i) => [i.number, i.title, i.state, i.marker.file]),
        );
      }
    });
});
