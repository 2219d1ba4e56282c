/**
 * Where a large document may be cut into independently parsed pieces: before an ATX heading at
 * column 0 that follows a blank line, outside fenced code, HTML comments and raw-text HTML blocks.
 * No markdown construct continues across such a line, so each piece parses as it would in the
 * whole. Parsing pieces keeps peak memory flat: micromark holds every event of its input at once.
 * Small documents are never cut, because link reference definitions are document-wide.
 */
export const MIN_PIECE = 64 * 1024;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RAW_HTML_OPEN = /^ {0,3}<(pre|script|style|textarea)[\s>]/i;

/** Start offsets of the pieces, beginning with `from` (just after any frontmatter). */
export function pieceStarts(text: string, from: number): number[] {
  const starts = [0];
  if (text.length < 2 * MIN_PIECE) return starts;
  let closer: ((line: string) => boolean) | null = null;
  let previousBlank = false;
  let lineStart = from;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    if (closer) {
      if (closer(line)) closer = null;
    } else if (previousBlank && isHeading(line) && lineStart - starts[starts.length - 1]! >= MIN_PIECE) {
      starts.push(lineStart);
    } else closer = openedBlock(line);
    previousBlank = line.trim() === "";
    lineStart = lineEnd + 1;
  }
  return starts;
}

function isHeading(line: string): boolean {
  return /^#{1,6}(?:[ \t]|$)/.test(line);
}

/** The test that ends a block this line opens, or null when it opens none that spans blank lines. */
function openedBlock(line: string): ((line: string) => boolean) | null {
  const fence = FENCE.exec(line);
  if (fence) {
    const mark = fence[1]!;
    const closing = new RegExp(`^ {0,3}${mark[0] === "`" ? "`" : "~"}{${mark.length},}[ \\t]*$`);
    return (next) => closing.test(next);
  }
  if (/^ {0,3}<!--/.test(line) && !line.includes("-->")) return (next) => next.includes("-->");
  const raw = RAW_HTML_OPEN.exec(line);
  if (raw && !line.toLowerCase().includes(`</${raw[1]!.toLowerCase()}>`)) {
    const end = `</${raw[1]!.toLowerCase()}>`;
    return (next) => next.toLowerCase().includes(end);
  }
  return null;
}
