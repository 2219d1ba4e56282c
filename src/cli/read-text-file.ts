import { existsSync, readFileSync } from "node:fs";
import { InputError } from "./cli-errors.js";

/** `ignoreBOM` keeps a byte order mark in the text: it is the file's first byte, and a write must keep it. */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads a file as UTF-8 text, refusing binary and non-UTF-8 files: decoding them would replace
 * bytes, and writing such a file back would lose them.
 */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  if (bytes.subarray(0, 8000).includes(0)) throw new InputError(`${path} is a binary file, not markdown`);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InputError(`${path} is not valid UTF-8 text; save it as UTF-8 and try again`);
  }
}

/** A file's text, or null when there is no such file: for files that may or may not sit beside a plan. */
export function readTextFileIfPresent(path: string): string | null {
  return existsSync(path) ? readTextFile(path) : null;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return error instanceof Error ? error.message : String(error);
}
