import type { EntryType, GitStore, TreeEntry } from "./git-objects.js";

/**
 * Path-level views of git trees. Edits are done on a flat `path -> entry` map and rebuilt into
 * nested trees, which is how GitHub's create-tree with `base_tree` behaves: directories appear
 * and disappear with the files in them.
 */
export interface FlatEntry {
  mode: string;
  type: EntryType;
  sha: string;
}
export type FlatTree = Map<string, FlatEntry>;

export interface ListedEntry extends FlatEntry {
  path: string;
}

/** All non-tree entries under `treeSha`, keyed by full path. */
export function flattenTree(store: GitStore, treeSha: string, prefix = "", out: FlatTree = new Map()): FlatTree {
  for (const entry of requireTree(store, treeSha).entries) {
    const path = prefix + entry.name;
    if (entry.type === "tree") flattenTree(store, entry.sha, `${path}/`, out);
    else out.set(path, { mode: entry.mode, type: entry.type, sha: entry.sha });
  }
  return out;
}

/** Writes nested tree objects for a flat map and returns the root tree sha. */
export function buildTree(store: GitStore, flat: FlatTree): string {
  const files = new Map<string, FlatEntry>();
  const subdirs = new Map<string, FlatTree>();
  for (const [path, entry] of flat) {
    const slash = path.indexOf("/");
    if (slash < 0) {
      files.set(path, entry);
      continue;
    }
    const dir = path.slice(0, slash);
    if (!subdirs.has(dir)) subdirs.set(dir, new Map());
    subdirs.get(dir)!.set(path.slice(slash + 1), entry);
  }
  const entries: TreeEntry[] = [...files].map(([name, entry]) => ({ name, ...entry }));
  for (const [name, children] of subdirs)
    entries.push({ name, mode: "040000", type: "tree", sha: buildTree(store, children) });
  return store.putTree(entries);
}

/** Entries of one tree level, or of every level (subtrees included) when `recursive`. */
export function listTree(store: GitStore, treeSha: string, recursive: boolean, prefix = ""): ListedEntry[] {
  return requireTree(store, treeSha).entries.flatMap((entry) => {
    const listed: ListedEntry = { path: prefix + entry.name, mode: entry.mode, type: entry.type, sha: entry.sha };
    if (!recursive || entry.type !== "tree") return [listed];
    return [listed, ...listTree(store, entry.sha, true, `${listed.path}/`)];
  });
}

/** The entry at `path` (file or directory), or undefined. */
export function findEntry(store: GitStore, treeSha: string, path: string): TreeEntry | undefined {
  const parts = path.split("/").filter((part) => part.length > 0);
  let current: TreeEntry | undefined = { name: "", mode: "040000", type: "tree", sha: treeSha };
  for (const part of parts) {
    if (current?.type !== "tree") return undefined;
    current = store.tree(current.sha)?.entries.find((entry) => entry.name === part);
  }
  return current;
}

/** True when `ancestor` is reachable from `descendant` through parent links (or is it). */
export function isAncestor(store: GitStore, ancestor: string, descendant: string): boolean {
  const pending = [descendant];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const sha = pending.pop()!;
    if (sha === ancestor) return true;
    if (seen.has(sha)) continue;
    seen.add(sha);
    pending.push(...(store.commit(sha)?.parents ?? []));
  }
  return false;
}

function requireTree(store: GitStore, sha: string) {
  const tree = store.tree(sha);
  if (!tree) throw new Error(`tree ${sha} does not exist`);
  return tree;
}
