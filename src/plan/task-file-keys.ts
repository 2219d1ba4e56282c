/** A top-level `key: value` line of a frontmatter block, located in the source. */
export interface KeyLine {
  /** 1-based line number. */
  line: number;
  /** Offset of the value's first character (inside the quotes of a quoted value). */
  valueStart: number;
  /** Offset just after the value (before its closing quote, a ` #` comment or the line end). */
  valueEnd: number;
  /** Offset of the next line's start (or of the block's end). */
  nextLine: number;
}

/**
 * Finds the first line of `text[0, end)` that starts with `key:` at column 1, the way YAML writes
 * a top-level key. One pass over the lines; nothing is re-serialised, only located.
 */
export function findKeyLine(text: string, end: number, key: string): KeyLine | null {
  let line = 1;
  for (let start = 0; start < end; line++) {
    const newline = text.indexOf("\n", start);
    const next = newline === -1 || newline >= end ? end : newline + 1;
    if (text.startsWith(`${key}:`, start))
      return locateValue(text, start + key.length + 1, lineEnd(text, start, next), line, next);
    start = next;
  }
  return null;
}

/** The end of a line's content: before its `\n` and a `\r` ahead of it. */
function lineEnd(text: string, start: number, next: number): number {
  let end = next;
  if (end > start && text[end - 1] === "\n") end--;
  if (end > start && text[end - 1] === "\r") end--;
  return end;
}

function locateValue(text: string, afterColon: number, end: number, line: number, nextLine: number): KeyLine {
  let start = afterColon;
  while (start < end && (text[start] === " " || text[start] === "\t")) start++;
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const close = text.lastIndexOf(quote, end - 1);
    if (close > start) return { line, valueStart: start + 1, valueEnd: close, nextLine };
  }
  const comment = text.indexOf(" #", start);
  let stop = comment === -1 || comment >= end ? end : comment;
  while (stop > start && (text[stop - 1] === " " || text[stop - 1] === "\t")) stop--;
  return { line, valueStart: start, valueEnd: stop, nextLine };
}
