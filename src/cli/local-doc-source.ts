import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, normalize, relative, sep } from "node:path";
import type { DocSource } from "../github/read-docs.js";
import { checkoutFiles } from "./git-checkout.js";

/** Never walked outside git: dependencies and build output hold markdown that is not a plan. */
const SKIPPED_DIRS = new Set([".git", "node_modules"]);

/**
 * The docs of a local working tree, as they are on disk (saved, maybe not committed). Paths are
 * repository-relative with `/`. A path from outside the tree (a marker read from an issue names
 * its file) reads as missing: nothing outside `root` is ever opened.
 */
export function localDocSource(root: string): DocSource {
  return {
    list: async () => {
      const paths = checkoutFiles(root) ?? walk(root, "");
      return { paths, shas: new Map(), complete: true };
    },
    read: async (path) => {
      const inside = insideRoot(root, path);
      if (inside === null) return null;
      try {
        return readFileSync(inside, "utf8");
      } catch {
        return null;
      }
    },
  };
}

function insideRoot(root: string, path: string): string | null {
  if (isAbsolute(path) || path.includes("\0")) return null;
  const full = join(root, normalize(path));
  const rel = relative(root, full);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? null : full;
}

function walk(root: string, prefix: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) out.push(...walk(root, path));
    else if (entry.isFile()) out.push(path.split(sep).join("/"));
  }
  return out;
}
