import { buildTree, flattenTree, type FlatTree } from "./git-files.js";
import type { EntryType, GitStore } from "./git-objects.js";

/** One entry of `POST /git/trees`. `sha: null` (present, not absent) deletes the path. */
export interface TreeEditEntry {
  path?: string;
  mode?: string;
  type?: EntryType;
  sha?: string | null;
  content?: string;
}

const MODE_TYPES: Record<string, EntryType> = {
  "100644": "blob",
  "100755": "blob",
  "120000": "blob",
  "040000": "tree",
  "160000": "commit",
};

/**
 * Applies create-tree entries on top of `baseTree` and returns the new root sha, or an error
 * message GitHub would answer with 422.
 */
export function applyTreeEdits(
  store: GitStore,
  baseTree: string | undefined,
  entries: TreeEditEntry[],
): { sha: string } | { error: string } {
  const flat: FlatTree = baseTree ? flattenTree(store, baseTree) : new Map();
  for (const entry of entries) {
    const error = applyEntry(store, flat, entry);
    if (error) return { error };
  }
  return { sha: buildTree(store, flat) };
}

function applyEntry(store: GitStore, flat: FlatTree, entry: TreeEditEntry): string | undefined {
  const path = entry.path?.replace(/^\/+|\/+$/g, "");
  if (!path) return "Must supply a valid tree.path";
  const type = entry.type ?? (entry.mode ? MODE_TYPES[entry.mode] : undefined) ?? "blob";
  const mode = entry.mode ?? (type === "tree" ? "040000" : "100644");
  if (MODE_TYPES[mode] !== type) return `tree.mode ${mode} does not match tree.type ${type}`;
  const hasContent = typeof entry.content === "string";
  if (hasContent === (entry.sha !== undefined))
    return "Must supply either tree.sha or tree.content. Request will be rejected if both are present.";
  // Deleting a path that is not in the base tree is accepted as a no-op here.
  if (entry.sha === null) return void removePath(flat, path);
  if (hasContent) {
    if (type !== "blob") return "tree.content can only be used for blobs";
    removePath(flat, path);
    flat.set(path, { mode, type, sha: store.putBlob(Buffer.from(entry.content ?? "", "utf8")) });
    return undefined;
  }
  return placeObject(store, flat, path, mode, type, entry.sha ?? "");
}

function placeObject(
  store: GitStore,
  flat: FlatTree,
  path: string,
  mode: string,
  type: EntryType,
  sha: string,
): string | undefined {
  removePath(flat, path);
  if (type === "commit") {
    flat.set(path, { mode, type, sha }); // submodule pointers need not exist in this repository
    return undefined;
  }
  const object = store.get(sha);
  if (object?.type !== type) return `tree.sha ${sha} is not a valid ${type}`;
  if (type === "blob") flat.set(path, { mode, type, sha: sha.toLowerCase() });
  else for (const [sub, child] of flattenTree(store, sha)) flat.set(`${path}/${sub}`, child);
  return undefined;
}

/** Removes a file, or a whole directory, at `path`. */
function removePath(flat: FlatTree, path: string): void {
  for (const key of [...flat.keys()]) if (key === path || key.startsWith(`${path}/`)) flat.delete(key);
}
