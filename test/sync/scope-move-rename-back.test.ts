import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/sync/reconcile.js";
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

const a = "specs/003-photos/tasks.md";
const b = "specs/003-photo-albums/tasks.md";
const two = "- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n";

describe("a feature folder renamed and then renamed back", () => {
  it("follows both renames when nothing was left behind", () => {
    const issues = syncedIssues({ [a]: two });
    const there = reconcile(docs({ [b]: two }), remote(issues), config());
    expect(creates(there.operations)).toEqual([]);
    const moved = applyAll(issues, there.operations);
    const back = reconcile(docs({ [a]: two }), remote(moved), config());
    expect(creates(back.operations)).toEqual([]);
    expect(closesAsRemoved(back.operations)).toEqual([]);
  });

  it("follows the rename back when a done task's closed issue stayed in the old folder", () => {
    // T003 was done, and dropped from the list in the commit that renamed the folder: README says
    // its closed issue may stay behind, and the rename is followed.
    const issues = syncedIssues({ [a]: `${two}- [x] T003 Old task\n` });
    const there = reconcile(docs({ [b]: two }), remote(issues), config());
    expect(creates(there.operations)).toEqual([]);
    const moved = applyAll(issues, there.operations);
    expect(moved.map((i) => i.marker.file)).toEqual([b, b, a]);

    // The rename is undone (a revert, or the team preferred the old name).
    const back = reconcile(docs({ [a]: two }), remote(moved), config());
    // Before the fix: T001 and T002 get second issues; #1 and #2 are closed as removed, with comments.
    expect(creates(back.operations)).toEqual([]);
    expect(closesAsRemoved(back.operations)).toEqual([]);
    expect(comments(back.operations)).toEqual([]);
  });
});
