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

const specKit =
  "## Phase 1\n\n- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n- [ ] T003 Share an album\n";
const oldPath = "specs/003-photos/tasks.md";
const newPath = "specs/003-photo-albums/tasks.md";

describe("a rename whose sync failed part-way (some issues retitled, the rest not)", () => {
  it("finishes the move on the retry: creates nothing, removes nothing, comments nothing", () => {
    const issues = syncedIssues({ [oldPath]: specKit });
    const renamed = docs({ [newPath]: specKit });
    const first = reconcile(renamed, remote(issues), config());
    // The move is seen and would retitle all three issues.
    expect(creates(first.operations)).toEqual([]);
    expect(first.operations.filter((o) => o.kind === "update-issue")).toHaveLength(3);
    // The sync dies after the first update landed (a crash, a 5xx past its retries, a rate limit).
    const partly = applyAll(issues, first.operations, new Set([1]));
    expect(partly[0]!.marker.file).toBe(newPath);
    expect(partly[1]!.marker.file).toBe(oldPath);

    const retry = reconcile(renamed, remote(partly), config());
    // Before the fix: T002 and T003 get new issues (#2 and #3 are closed as "removed", with a comment each).
    expect(creates(retry.operations)).toEqual([]);
    expect(closesAsRemoved(retry.operations)).toEqual([]);
    expect(comments(retry.operations)).toEqual([]);
  });

  it("with a single-task folder, a rename whose one update is lost still converges on one issue", () => {
    // Sanity: one task is all-or-nothing, so a retry sees the whole move again.
    const one = "- [ ] T001 Create the album model\n";
    const issues = syncedIssues({ [oldPath]: one });
    const retry = reconcile(docs({ [newPath]: one }), remote(issues), config());
    expect(creates(retry.operations)).toEqual([]);
  });
});
