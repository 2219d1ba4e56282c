import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/sync/reconcile.js";
import { closesAsRemoved, comments, config, creates, docs, remote, syncedIssues } from "./scope-move-harness.js";

const OLD = "specs/003-photos/tasks.md";
const NEW = "specs/003-photo-albums/tasks.md";
const FEATURE = "## Phase 1\n\n- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n";

describe("a renamed feature folder whose issues carry a human's title", () => {
  it("follows the rename when a task's issue was adopted (its title is the author's, kept byte for byte)", () => {
    const issues = syncedIssues({ [OLD]: FEATURE });
    // #1 was spec-kit's taskstoissues output, adopted: README/adoption.ts keep every byte of its
    // title and body; only the marker (adopted: true) and the label are plansync's.
    issues[0] = {
      ...issues[0]!,
      title: "T001 Create the album model",
      marker: { ...issues[0]!.marker, adopted: true },
    };
    expect(reconcile(docs({ [OLD]: FEATURE }), remote(issues), config()).operations).toEqual([]);

    const result = reconcile(docs({ [NEW]: FEATURE }), remote(issues), config());
    // Before the fix: the move is not seen (the adopted title is not plansync's rendering), so #1 and #2 are
    // closed "not planned" with a "removed" comment and two new issues are made.
    expect(creates(result.operations)).toEqual([]);
    expect(closesAsRemoved(result.operations)).toEqual([]);
    expect(comments(result.operations)).toEqual([]);
  });

  it("follows the rename when a person retitled a task's issue on GitHub", () => {
    const issues = syncedIssues({ [OLD]: FEATURE });
    // A maintainer edits the issue title; plansync keeps it (titles are rewritten only when the
    // doc's task changes), so it is still this task's issue.
    issues[1] = { ...issues[1]!, title: "T002 (003-photos): Upload photos (blocked on S3 bucket)" };
    expect(reconcile(docs({ [OLD]: FEATURE }), remote(issues), config()).operations).toEqual([]);

    const result = reconcile(docs({ [NEW]: FEATURE }), remote(issues), config());
    expect(creates(result.operations)).toEqual([]);
    expect(closesAsRemoved(result.operations)).toEqual([]);
    expect(comments(result.operations)).toEqual([]);
  });
});
