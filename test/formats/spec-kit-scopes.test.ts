import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

const REPO_DIR = fileURLToPath(new URL("../../fixtures/repos/spec-kit/", import.meta.url));

/** The fixture repository's files, path → text. */
function repoFiles(filter: (path: string) => boolean = () => true): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (filter(path)) files[path] = readFileSync(join(dir, entry.name), "utf8");
    }
  };
  walk(REPO_DIR, "");
  return files;
}

let app: TestApp | undefined;
checkAfterEach(() => app);

const issues = () => app!.sim.issues(FULL) as any[];
/** Issue creates, through REST or GraphQL's createIssue. */
const creates = () =>
  app!.sim.requests.filter(
    (r) => (r.method === "POST" && /\/issues$/.test(r.path)) || r.operationId === "graphql:mutation:createIssue",
  );
const row = (issue: any) => {
  const marker = readMarker(issue.body)!;
  return [marker.id, marker.scope ?? null, issue.title, issue.state, issue.milestone?.title ?? null];
};

describe("spec-kit features: T numbers are unique per feature folder", () => {
  it("syncs two features that both start at T001 to separate issues, with no duplicate-id error", async () => {
    app = startApp({});
    await app.push(repoFiles());
    const rows = issues().map(row);
    expect(rows).toHaveLength(12);
    expect(rows).toContainEqual([
      "T001",
      "specs/001-photo-albums",
      "T001 (001-photo-albums): Create the albums module skeleton in src/albums/",
      "closed",
      "Photo Albums",
    ]);
    expect(rows).toContainEqual([
      "T001",
      "specs/002-shared-links",
      "T001 (002-shared-links): Add the share_links table in migrations/0008_share_links.sql",
      "open",
      "Shared Album Links",
    ]);
    const t005 = issues().find((i) => i.title.startsWith("T005 (001-photo-albums)"));
    expect(t005.labels.map((l: any) => l.name)).toContain("in progress");
    expect(
      app.sim
        .milestones(FULL)
        .map((m: any) => m.title)
        .sort(),
    ).toEqual(["Photo Albums", "Shared Album Links"]);
    const annotations = app.sim.checkRuns(FULL).flatMap((run) => run.annotations as any[]);
    expect(annotations.filter((a: any) => a.annotation_level !== "notice")).toEqual([]);
  });

  it("adopts issues whose markers predate scopes: zero creates, titles gain the feature", async () => {
    // What the previous release left: feature 001 synced with unscoped markers and `T001: …` titles.
    // Forcing repository scope renders exactly that format (no `scope` in the marker).
    const legacyConfig = "ids:\n  scopes:\n    - paths: '**'\n      scope: repository\n";
    app = startApp({ ".github/plansync.yml": legacyConfig });
    await app.push(repoFiles((p) => p.startsWith("specs/001-")));
    const legacy = issues();
    expect(legacy).toHaveLength(8);
    expect(legacy.every((i) => !i.body.includes('"scope"'))).toBe(true);
    expect(legacy.map((i) => i.title)).toContain("T001: Create the albums module skeleton in src/albums/");

    app.sim.resetLog();
    await app.push({ ".github/plansync.yml": null, ...repoFiles((p) => p.startsWith("specs/002-")) });
    // Feature 002's four tasks are new; feature 001's eight are adopted, none created again.
    expect(creates()).toHaveLength(4);
    expect(issues()).toHaveLength(12);
    const adopted = issues().filter((i) => legacy.some((l) => l.number === i.number));
    expect(adopted.map((i) => readMarker(i.body)!.scope)).toEqual(Array(8).fill("specs/001-photo-albums"));
    expect(adopted.map((i) => i.title)).toContain(
      "T001 (001-photo-albums): Create the albums module skeleton in src/albums/",
    );

    app.sim.resetLog();
    await app.push({ "specs/002-shared-links/tasks.md": repoFiles()["specs/002-shared-links/tasks.md"]! + "\n" });
    expect(app.sim.writes()).toEqual([]);
  });

  it("still reports two boxed tasks with one ID in one feature as a duplicate", async () => {
    app = startApp({});
    await app.push({ "specs/003-x/tasks.md": "# Tasks: X\n\n- [ ] T001 a\n- [ ] T001 b\n" });
    const annotations = app.sim.checkRuns(FULL).flatMap((run) => run.annotations as any[]);
    expect(annotations.map((a: any) => [a.path, a.start_line, a.title])).toEqual([
      ["specs/003-x/tasks.md", 4, "duplicate-id"],
    ]);
  });

  it("names a feature's milestone from its spec when the task list's title does not, reading each spec once", async () => {
    app = startApp({});
    await app.push({
      "specs/003-export/tasks.md": "# Tasks\n\n- [ ] T001 Write the CSV encoder\n",
      "specs/003-export/spec.md": "# Feature Specification: CSV Export\n\nWhy.\n",
      ".kiro/specs/auth/tasks.md": "# Implementation Plan\n\n- [ ] 1. Add the session store\n",
      ".kiro/specs/auth/requirements.md": "# Requirements Document\n\nWhy.\n",
    });
    expect(issues().map((i) => [i.title, i.milestone?.title ?? null])).toEqual([
      ["1 (auth): Add the session store", "auth"],
      ["T001 (003-export): Write the CSV encoder", "CSV Export"],
    ]);
    const contentReads = (file: string) => app!.sim.reads().filter((r) => r.path.endsWith(`/contents/${file}`));
    // spec.md matches the default plan paths, so the sync has already read it: no second read.
    expect(contentReads("specs/003-export/spec.md")).toHaveLength(1);
    expect(contentReads(".kiro/specs/auth/requirements.md")).toHaveLength(1);
  });
});
