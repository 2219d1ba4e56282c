/**
 * The marks people put between a checkbox's brackets, and what each means. GitHub renders only
 * `[ ]`, `[x]` and `[X]` as boxes; the others are read from the source bytes. A trailing variation
 * selector (`✔️`) is part of the mark, so write-back replaces all of it.
 */
const DONE = new Set(["x", "X", "✓", "✔", "✔\uFE0F", "✓\uFE0F"]);
const IN_PROGRESS = new Set(["~", "-", "/"]);
const OPEN = " ";
/** `[!]`: blocked or failed (aidevops). Open, and not in progress: nothing moves while it is blocked. */
const BLOCKED = "!";

export type MarkMeaning = "open" | "done" | "in-progress";

/** What a mark reads as, or null when the bracketed text is no checkbox mark (`[P]`, `[US1]`). */
export function markMeaning(mark: string): MarkMeaning | null {
  if (mark === OPEN || mark === BLOCKED) return "open";
  if (DONE.has(mark)) return "done";
  return IN_PROGRESS.has(mark) ? "in-progress" : null;
}

/** The bytes write-back puts between the brackets for a state change. */
export function markFor(done: boolean): string {
  return done ? "x" : OPEN;
}

export interface RawCheckbox {
  /** Offset of the first character between the brackets. */
  markOffset: number;
  mark: string;
  /** Kiro's `- [ ]* 2.3 …`: an optional task. */
  optional: boolean;
  /** Offset just after the box, its `*` and the spaces that follow. */
  textOffset: number;
}

/** Reads `[m]` (and Kiro's `]*`) at `at`, followed by a space, a tab or the end of the line. */
export function readCheckbox(source: string, at: number): RawCheckbox | null {
  if (source[at] !== "[") return null;
  const close = source.indexOf("]", at + 1);
  if (close === -1 || close - at > 3) return null;
  const mark = source.slice(at + 1, close);
  if (markMeaning(mark) === null) return null;
  let i = close + 1;
  const optional = source[i] === "*";
  if (optional) i++;
  const next = source[i];
  if (next !== undefined && next !== " " && next !== "\t" && next !== "\n" && next !== "\r") return null;
  while (source[i] === " " || source[i] === "\t") i++;
  return { markOffset: at + 1, mark, optional, textOffset: i };
}
