import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/sync/reconcile.js";
import { before, config, docs, remote, syncedIssues } from "./scope-move-harness.js";

const openSpec = (done: boolean) =>
  `## 1. Login\n- [${done ? "x" : " "}] 1.1 Add the form\n- [${done ? "x" : " "}] 1.2 Check the password\n`;

describe("upgrading a repository whose live OpenSpec change reuses an archived change's name", () => {
  it("writes nothing (README: a repository synced before this rule sees no write after upgrading)", () => {
    // Synced by the previous release: two folders, two scopes, four issues, all agreed.
    const files = {
      "openspec/changes/archive/2026-01-05-add-login/tasks.md": openSpec(true),
      "openspec/changes/add-login/tasks.md": openSpec(false),
    };
    // The archived change came first (#1, #2, closed); the name was reused later (#3, #4, open).
    const archived = "openspec/changes/archive/2026-01-05-add-login/tasks.md";
    const live = "openspec/changes/add-login/tasks.md";
    const issues = [
      ...syncedIssues({ [archived]: files[archived] }, before, 1),
      ...syncedIssues({ [live]: files[live] }, before, 3),
    ];
    expect(issues.map((i) => [i.number, i.state])).toEqual([
      [1, "closed"],
      [2, "closed"],
      [3, "open"],
      [4, "open"],
    ]);
    const result = reconcile(docs(files), remote(issues), config());
    // Before the fix: the live change's two open issues are closed as "duplicate" of the archived ones,
    // with a comment each, and lose their marker and label: the live tasks are no longer synced.
    expect(result.operations).toEqual([]);
  });
});
