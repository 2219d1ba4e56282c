import { describe, expect, it } from "vitest";
import { replaceMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import type { Operation } from "../../src/sync/sync-types.js";
import { before, comments, config, docs, remote, syncedIssues } from "./scope-move-harness.js";

const change = (box: " " | "x") => `## 1. Login\n- [${box}] 1.1 Add the form\n- [${box}] 1.2 Check the password\n`;
const LIVE = "openspec/changes/add-login/tasks.md";
const ARCHIVED = "openspec/changes/archive/2026-01-05-add-login/tasks.md";

describe("upgrading a repository that archived an OpenSpec change under the previous release", () => {
  for (const archivedText of [change("x"), change("x").replace("[x] 1.2", "[ ] 1.2")])
    it(`writes nothing to the removed live issues or to the archived change's issues (${archivedText.includes("[ ]") ? "one task still open" : "all ticked"})`, () => {
      // Previous release: the live change's issues #1, #2 ...
      const live = syncedIssues({ [LIVE]: change(" ") }, before, 1);
      // ... then `openspec archive`: the previous release (no move detection) closed them as removed,
      // as reconcile-removals.ts does, and made #3, #4 for the archived file.
      const removed = live.map((i) => ({
        ...i,
        state: "closed" as const,
        body: replaceMarker(i.body, { ...i.marker, state: "closed" }),
        marker: { ...i.marker, state: "closed" as const },
      }));
      const issues = [...removed, ...syncedIssues({ [ARCHIVED]: archivedText }, before, 3)];
      // Agreed: the previous release writes nothing more.
      expect(reconcile(docs({ [ARCHIVED]: archivedText }), remote(issues), before).operations).toEqual([]);

      // Upgrade. README: "a repository synced before this rule sees no write after upgrading".
      const result = reconcile(docs({ [ARCHIVED]: archivedText }), remote(issues), config());
      // Before the fix: #3 and #4 (the archived tasks' own issues) are unmanaged as "duplicates" of the removed
      // #1 and #2, which are taken back and rewritten to the archived file; with a task still open,
      // its "removed" issue #2 is reopened and its live issue #4 closed as a duplicate, with a comment.
      expect(result.operations).toEqual([]);
    });
});
