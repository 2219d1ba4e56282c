import { describe, expect, it } from "vitest";
import { collectTasks } from "../../src/sync/collect-tasks.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { readMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import { scopeMoves } from "../../src/sync/scope-moves.js";
import type { RemoteIssue } from "../../src/sync/sync-types.js";
import { createScoper, featurePath, markerKey } from "../../src/sync/task-scope.js";
import { before, config, docs, kinds, remote, syncedIssues, updates } from "./scope-move-harness.js";

const specKit = "## Phase 1\n\n- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n";
const kiro = "# Tasks\n\n- [ ] 1. Set up auth\n  - [ ] 1.1 Add the login form\n";
const openSpec = (done: boolean) =>
  `## 1. Login\n- [${done ? "x" : " "}] 1.1 Add the form\n- [${done ? "x" : " "}] 1.2 Check the password\n\n## 2. Tests\n- [${done ? "x" : " "}] 2.1 Unit tests\n- [${done ? "x" : " "}] 2.2 Integration tests\n`;

describe("featurePath", () => {
  it("reads an archived OpenSpec change as the live change, wherever openspec/ sits", () => {
    expect(featurePath("openspec/changes/archive/2026-12-01-add-login")).toBe("openspec/changes/add-login");
    expect(featurePath("openspec/changes/archive/2026-12-01-add-login/tasks.md")).toBe(
      "openspec/changes/add-login/tasks.md",
    );
    expect(featurePath("apps/api/openspec/changes/archive/2025-01-31-x-y/tasks.md")).toBe(
      "apps/api/openspec/changes/x-y/tasks.md",
    );
  });

  it("leaves every other path as it is", () => {
    for (const path of [
      "openspec/changes/add-login/tasks.md",
      "openspec/changes/archive/notes/tasks.md",
      "openspec/changes/archive/2026-12-01/tasks.md",
      "docs/changes/archive/2026-12-01-add-login/tasks.md",
      "specs/001-photo-albums/tasks.md",
      ".kiro/specs/user-auth/tasks.md",
      "archive/2026-12-01-x/tasks.md",
    ])
      expect(featurePath(path)).toBe(path);
  });
});

describe("createScoper", () => {
  it("keeps an archived change in its archived folder's scope, apart from a live change of its name", () => {
    const scoper = createScoper([]);
    const archived = "openspec/changes/archive/2026-12-01-add-login/tasks.md";
    expect(scoper(archived, "1.1")).toBe("openspec/changes/archive/2026-12-01-add-login");
    expect(scoper("openspec/changes/add-login/tasks.md", "1.1")).toBe("openspec/changes/add-login");
    expect(scoper(archived, "BE-001")).toBeNull();
  });

  it("keeps the folder path as it is under a `path` rule", () => {
    const scoper = createScoper([{ paths: "openspec/**", scope: "path" }]);
    expect(scoper("openspec/changes/archive/2026-12-01-add-login/tasks.md", "1.1")).toBe(
      "openspec/changes/archive/2026-12-01-add-login",
    );
    expect(scoper("openspec/tasks.md", "1.1")).toBe("openspec");
  });

  it("keeps same-named folders in different places apart", () => {
    const result = reconcile(
      docs({ "docs/tasks.md": "- [ ] T001 one\n", "api/docs/tasks.md": "- [ ] T001 other\n" }),
      remote([]),
      config(),
    );
    expect(kinds(result.operations).filter((k) => k === "create-issue")).toHaveLength(2);
    expect([...result.diagnostics.values()].flat()).toEqual([]);
  });
});

describe("upgrading", () => {
  it("writes nothing to spec-kit, Kiro and OpenSpec issues synced before, archived changes included", () => {
    const files = {
      "specs/001-photo-albums/tasks.md": specKit,
      ".kiro/specs/user-auth/tasks.md": kiro,
      "openspec/changes/add-login/tasks.md": openSpec(false),
      "openspec/changes/archive/2026-01-05-old-change/tasks.md": openSpec(true),
    };
    const issues = syncedIssues(files, before);
    expect(issues.map((i) => i.title)).toContain("1.1 (2026-01-05-old-change): Add the form");
    const result = reconcile(docs(files), remote(issues), config());
    expect(result.operations).toEqual([]);
    expect(result.writeBacks).toEqual([]);
    expect(result.heldRemovals).toEqual([]);
  });
});

describe("archiving an OpenSpec change", () => {
  const live = "openspec/changes/add-login/tasks.md";
  const archived = "openspec/changes/archive/2026-12-01-add-login/tasks.md";

  it("closes its ticked tasks' issues as completed, creates nothing and names the archived file", () => {
    const issues = syncedIssues({ [live]: openSpec(false) });
    const pushed = docs({ [archived]: openSpec(true) }, { coveredPaths: new Set([live, archived]), complete: false });
    const result = reconcile(pushed, remote(issues), config());
    expect(kinds(result.operations)).toEqual(["update-issue", "update-issue", "update-issue", "update-issue"]);
    for (const op of updates(result.operations)) {
      expect(op).toMatchObject({
        state: "closed",
        stateReason: "completed",
        title: expect.stringContaining("(2026-12-01-add-login)"),
      });
      expect(readMarker(op.body)).toMatchObject({ file: archived, state: "closed" });
    }
    expect(result.needsFullScan).toBe(false);
  });

  it("keeps an archived change's open task open and synced", () => {
    const issues = syncedIssues({ [live]: openSpec(false) });
    const result = reconcile(docs({ [archived]: openSpec(false) }), remote(issues), config());
    const ops = updates(result.operations);
    expect(ops).toHaveLength(4);
    for (const op of ops) {
      expect(op.state).toBeUndefined();
      expect(readMarker(op.body)).toMatchObject({ file: archived, state: "open" });
    }
  });
});

describe("scope moves", () => {
  const scoper = createScoper([]);
  const inputs = (files: Record<string, string>, issues: RemoteIssue[], cfg = config()) => {
    const snapshot = docs(files);
    const owners = new Map(issues.map((i) => [markerKey(i.marker, scoper), i]));
    const { winners } = collectTasks(snapshot.files, owners, scoper);
    const read = new Set(Object.keys(files));
    return {
      winners,
      owners,
      scoper,
      gone: (path: string) => !read.has(path),
      sameTask: (located: (typeof winners)[number], issue: RemoteIssue) =>
        desiredIssue({ ...located, scope: scoper(issue.marker.file, issue.marker.id) }, cfg).title === issue.title,
      complete: true,
    };
  };

  it("follows a renamed spec-kit folder with the same tasks", () => {
    const issues = syncedIssues({ "specs/003-photos/tasks.md": specKit });
    const moves = scopeMoves(inputs({ "specs/003-photo-albums/tasks.md": specKit }, issues));
    expect(moves).toHaveLength(1);
    expect(moves[0]!.from).toBe("specs/003-photos");
    expect(moves[0]!.to).toBe("specs/003-photo-albums");
    expect([...moves[0]!.keys]).toEqual([
      ["T001 (specs/003-photos)", "T001 (specs/003-photo-albums)"],
      ["T002 (specs/003-photos)", "T002 (specs/003-photo-albums)"],
    ]);
  });

  it("follows a rename that leaves a closed task's issue behind, and only its tasks' issues", () => {
    const issues = syncedIssues({ "specs/003-photos/tasks.md": `${specKit}- [x] T003 Old task\n` });
    const moves = scopeMoves(inputs({ "specs/003-photo-albums/tasks.md": specKit }, issues));
    expect(moves.map((m) => [...m.keys.values()])).toEqual([
      ["T001 (specs/003-photo-albums)", "T002 (specs/003-photo-albums)"],
    ]);
  });

  it("retitles the issues of a renamed Kiro spec, removing and creating nothing", () => {
    const issues = syncedIssues({ ".kiro/specs/a/tasks.md": kiro });
    const result = reconcile(docs({ ".kiro/specs/b/tasks.md": kiro }), remote(issues), config());
    expect(kinds(result.operations)).toEqual(["update-issue", "update-issue"]);
    expect(updates(result.operations).map((op) => [op.issue, op.title])).toEqual([
      [{ number: 1 }, "1 (b): Set up auth"],
      [{ number: 2 }, "1.1 (b): Add the login form"],
    ]);
    expect(readMarker(updates(result.operations)[0]!.body)).toMatchObject({
      file: ".kiro/specs/b/tasks.md",
      scope: ".kiro/specs/b",
    });
    expect(result.heldRemovals).toEqual([]);
  });

  it("asks for a full read before following a rename seen in a push", () => {
    const issues = syncedIssues({ "specs/003-photos/tasks.md": specKit });
    const pushed = docs(
      { "specs/003-photo-albums/tasks.md": specKit },
      { complete: false, coveredPaths: new Set(["specs/003-photos/tasks.md", "specs/003-photo-albums/tasks.md"]) },
    );
    const result = reconcile(pushed, remote(issues), config());
    expect(result.needsFullScan).toBe(true);
    expect(result.operations).toEqual([]);
  });

  const noMove: [string, () => { files: Record<string, string>; issues: RemoteIssue[] }][] = [
    [
      "two old folders match one new",
      () => ({
        files: { "specs/009-new/tasks.md": specKit },
        issues: [
          ...syncedIssues({ "specs/003-photos/tasks.md": specKit }),
          ...syncedIssues({ "specs/004-pictures/tasks.md": specKit }, config(), 10),
        ],
      }),
    ],
    [
      "one old folder matches two new",
      () => ({
        files: { "specs/009-a/tasks.md": specKit, "specs/010-b/tasks.md": specKit },
        issues: syncedIssues({ "specs/003-photos/tasks.md": specKit }),
      }),
    ],
    [
      "the old folder's file is still there",
      () => ({
        files: { "specs/003-photos/tasks.md": specKit, "specs/009-copy/tasks.md": specKit },
        issues: syncedIssues({ "specs/003-photos/tasks.md": specKit }),
      }),
    ],
    [
      "the old folder keeps another file",
      () => ({
        files: { "specs/003-photos/notes.md": "- [ ] T009 left behind\n", "specs/009-new/tasks.md": specKit },
        issues: syncedIssues({ "specs/003-photos/tasks.md": specKit }),
      }),
    ],
    [
      "the new folder already has issues",
      () => ({
        files: { "specs/009-new/tasks.md": specKit },
        issues: [
          ...syncedIssues({ "specs/003-photos/tasks.md": specKit }),
          ...syncedIssues({ "specs/009-new/tasks.md": "- [ ] T001 Create the album model\n" }, config(), 10),
        ],
      }),
    ],
    [
      "the IDs differ",
      () => ({
        files: { "specs/009-new/tasks.md": `${specKit}- [ ] T003 One more\n` },
        issues: syncedIssues({ "specs/003-photos/tasks.md": specKit }),
      }),
    ],
    [
      "an open task's issue would be left behind",
      () => ({
        files: { "specs/009-new/tasks.md": specKit },
        issues: syncedIssues({ "specs/003-photos/tasks.md": `${specKit}- [ ] T003 Still open\n` }),
      }),
    ],
    [
      "the titles differ: another feature numbered the same way",
      () => ({
        files: { "specs/009-search/tasks.md": "- [ ] T001 Index photos\n- [ ] T002 Search box\n" },
        issues: syncedIssues({ "specs/003-photos/tasks.md": specKit }),
      }),
    ],
  ];
  for (const [name, setup] of noMove)
    it(`follows nothing when ${name}`, () => {
      const { files, issues } = setup();
      expect(scopeMoves(inputs(files, issues))).toEqual([]);
    });

  it("removes and creates as before when the rename is ambiguous", () => {
    const issues = [
      ...syncedIssues({ "specs/003-photos/tasks.md": specKit }),
      ...syncedIssues({ "specs/004-pictures/tasks.md": specKit }, config(), 10),
    ];
    const result = reconcile(docs({ "specs/009-new/tasks.md": specKit }), remote(issues), config());
    expect(kinds(result.operations).filter((k) => k === "create-issue")).toHaveLength(2);
    const closes = updates(result.operations).filter((op) => op.stateReason === "not_planned");
    expect(closes.map((op) => op.issue)).toEqual([{ number: 1 }, { number: 2 }, { number: 10 }, { number: 11 }]);
  });
});
