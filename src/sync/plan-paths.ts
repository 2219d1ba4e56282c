import { compileGlobs } from "./glob.js";

export type PathMatcher = (path: string) => boolean;

/** Globs from the config, matched without backtracking (glob.ts); markdown only. */
export function createPathMatcher(globs: readonly string[]): PathMatcher {
  const matches = compileGlobs(globs);
  return (path) => /\.(md|markdown)$/i.test(path) && matches(path);
}

export interface PushCommit {
  added?: string[];
  modified?: string[];
  removed?: string[];
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
