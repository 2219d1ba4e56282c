import { compileGlobs } from "./glob.js";

export type PathMatcher = (path: string) => boolean;

/** The one "could this be a plan file" rule: plan files are markdown, whatever the globs say. */
export function isMarkdown(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/** Globs from the config, matched without backtracking (glob.ts); markdown only. */
export function createPathMatcher(globs: readonly string[]): PathMatcher {
  const matches = compileGlobs(globs);
  return (path) => isMarkdown(path) && matches(path);
}

export interface PushCommit {
  added?: string[];
  modified?: string[];
  removed?: string[];
}

/** Every path the commits added, modified or removed. */
export function touchedPaths(commits: readonly PushCommit[]): string[] {
  return commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
}

/**
 * Whether the commits may change what a sync does before the config is read: they touch a
 * markdown file, or the config itself (`configPath`), which changes what every file means.
 */
export function mayTouchPlans(commits: readonly PushCommit[], configPath: string): boolean {
  return touchedPaths(commits).some((path) => path === configPath || isMarkdown(path));
}

/**
 * The plan files a push touched, from the payload's commit lists: the files to read at the
 * pushed commit, and the ones that no longer exist there.
 */
export function touchedPlanPaths(commits: readonly PushCommit[], matches: PathMatcher) {
  const present = new Set<string>();
  const removed = new Set<string>();
  for (const commit of commits) {
    for (const path of [...(commit.added ?? []), ...(commit.modified ?? [])].filter(matches)) {
      present.add(path);
      removed.delete(path);
    }
    for (const path of (commit.removed ?? []).filter(matches)) {
      removed.add(path);
      present.delete(path);
    }
  }
  return { present: [...present].sort(), removed: [...removed].sort() };
}
