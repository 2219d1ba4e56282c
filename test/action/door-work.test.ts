import { describe, expect, it } from "vitest";
import { pullPreviewWork } from "../../src/jobs/preview-work.js";
import { pushSyncWork } from "../../src/jobs/push-work.js";
import { owesWriteBack } from "../../src/sync/issue-event.js";
import { renderMarker } from "../../src/sync/marker.js";
import type { Marker } from "../../src/sync/sync-types.js";

/** The event → work rules the App's handlers and the Action share: one answer per event. */
const target = { installationId: 7, owner: "octo", repo: "plans" };
const repository = { default_branch: "main", html_url: "https://github.com/octo/plans" };
const push = (fields: object) => ({ ref: "refs/heads/main", after: "b".repeat(40), repository, ...fields });

describe("pushSyncWork", () => {
  it("a force-push is a full scan, in both doors, even when its lists name a plan file", () => {
    const commits = [{ added: [], modified: ["docs/plan.md"], removed: [] }];
    for (const listsFiles of [true, false])
      expect(pushSyncWork(push({ forced: true, commits }), target, { listsFiles })).toEqual({
        kind: "sync",
        ...target,
        branch: "main",
        commits: null,
        after: "b".repeat(40),
        defaultBranch: "main",
        htmlUrl: "https://github.com/octo/plans",
      });
  });

  it("lists: the config is a full scan, markdown is synced by its lists, anything else is no work", () => {
    const work = (paths: string[]) =>
      pushSyncWork(push({ commits: [{ added: paths, modified: [], removed: [] }] }), target, { listsFiles: true });
    expect(work([".github/plansync.yml"])?.commits).toBeNull();
    expect(work(["docs/plan.md"])?.commits).toEqual([{ added: ["docs/plan.md"], modified: [], removed: [] }]);
    expect(work(["src/index.ts"])).toBeNull();
  });

  it("no lists (a workflow's payload): the record names the files, so the work lists none", () => {
    expect(pushSyncWork(push({ commits: [] }), target, { listsFiles: false })?.commits).toEqual([]);
    expect(pushSyncWork(push({ deleted: true }), target, { listsFiles: false })).toBeNull();
    expect(pushSyncWork(push({ ref: "refs/tags/v1" }), target, { listsFiles: false })).toBeNull();
  });
});

describe("owesWriteBack", () => {
  const marker: Marker = { id: "BE-001", file: "docs/plan.md", state: "open", hash: "0123456789ab", checks: " x" }; // the ticks agreed: item 0 open, item 1 done
  const body = (checks: string) =>
    `${checks
      .split("")
      .map((c, i) => `- [${c}] item ${i}`)
      .join("\n")}\n\n${renderMarker(marker)}`;
  const ours = { kind: "ours" as const, marker };

  it("closed or reopened away from the marker's state owes a write-back; plansync's own change does not", () => {
    expect(owesWriteBack({ action: "closed", issue: { state: "closed", body: body(" x") } }, ours, null)).toBe(true);
    expect(owesWriteBack({ action: "reopened", issue: { state: "open", body: body(" x") } }, ours, null)).toBe(false);
  });

  it("edited: owed when the ticks moved, not for plansync's own edit or one that leaves them", () => {
    const edited = (checks: string, sender = "octo-dev") => ({
      action: "edited",
      issue: { state: "open", body: body(checks) },
      changes: { body: { from: body(" x") } },
      sender: { login: sender },
    });
    expect(owesWriteBack(edited("xx"), ours, "github-actions[bot]")).toBe(true);
    expect(owesWriteBack(edited(" x"), ours, "github-actions[bot]")).toBe(false);
    expect(owesWriteBack(edited("xx", "github-actions[bot]"), ours, "github-actions[bot]")).toBe(false);
    expect(owesWriteBack(edited("xx"), { kind: "foreign", marker, author: "stranger" }, null)).toBe(false);
  });
});

describe("pullPreviewWork", () => {
  it("previews an open pull request on the actions that change what it would merge", () => {
    const event = (action: string, state = "open") => ({
      action,
      pull_request: {
        number: 4,
        state,
        head: { sha: "c".repeat(40), repo: { full_name: "alice/plans" } },
        base: { ref: "main", repo: { full_name: "octo/plans" } },
      },
      repository,
    });
    expect(pullPreviewWork(event("synchronize"), target)?.pull).toEqual({
      number: 4,
      headSha: "c".repeat(40),
      baseRef: "main",
      fork: true,
    });
    expect(pullPreviewWork(event("closed", "closed"), target)).toBeNull();
    expect(pullPreviewWork(event("labeled"), target)).toBeNull();
  });
});
