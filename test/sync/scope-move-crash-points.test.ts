import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/sync/reconcile.js";
import type { Operation, RemoteIssue } from "../../src/sync/sync-types.js";
import {
  applyAll,
  closesAsRemoved,
  comments,
  config,
  creates,
  docs,
  remote,
  syncedIssues,
} from "./scope-move-harness.js";

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
