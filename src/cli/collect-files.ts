import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import picomatch from "picomatch";
import { isMarkdown } from "../sync/plan-paths.js";
import { InputError } from "./cli-errors.js";
import { describeFsError } from "./read-text-file.js";

const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** Expands the CLI's arguments (files, directories, globs) into markdown file paths, in a stable order. */
export function collectFiles(args: readonly string[]): string[] {
  const files = args.flatMap(expandArg);
  return [...new Set(files)];
}

function expandArg(arg: string): string[] {
  const scan = picomatch.scan(arg);
  if (scan.isGlob) return expandGlob(arg, scan.base || ".");
  let stats;
  try {
    stats = statSync(arg);
  } catch (error) {
    throw new InputError(`cannot read ${arg}: ${describeFsError(error)}`);
  }
  if (!stats.isDirectory()) return [arg];
  const found = walk(arg).filter(isMarkdown);
  if (found.length === 0) throw new InputError(`${arg} holds no markdown files (*.md)`);
  return found;
}

function expandGlob(pattern: string, base: string): string[] {
  const matches = picomatch(pattern, { dot: false });
  const found = safeWalk(base).filter((path) => matches(path) || matches(relative(".", path)));
  if (found.length === 0) throw new InputError(`no files match ${pattern}`);
  return found;
}

function safeWalk(dir: string): string[] {
  try {
    return walk(dir);
  } catch (error) {
    throw new InputError(`cannot read ${dir}: ${describeFsError(error)}`);
  }
}

function walk(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : walk(path);
    return entry.isFile() ? [path] : [];
  });
}
