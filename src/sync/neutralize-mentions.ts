import type { Nodes } from "mdast";
import { parseMarkdown } from "../plan/markdown-parser.js";

/**
 * The one place that keeps doc text from pinging anyone. A zero-width space after the `@` of
 * `@user` or `@org/team` stops GitHub from linking it and reads the same. GitHub links a mention
 * when the `@` does not follow a letter or digit (so `_@alice_` and `` `x`@alice `` ping, and
 * `bob@example.com` does not), outside code. It links what it shows, so `&#64;alice`,
 * `&#x40;alice` and `&commat;alice` ping too: the space then goes after the reference.
 *
 * Neutralising twice changes nothing, so the core can neutralise what it compares and the write
 * policy can neutralise every request again without the two disagreeing.
 */
const ZWSP = "\u200B";
/** A literal `@`, or the start of something that may decode to one; anything else is left as is. */
const MAY_MENTION = /@|&#|&commat;/i;
/**
 * A character reference as an HTML parser reads one: the longest run of digits, the semicolon
 * optional for numeric ones (raw HTML decodes `&#64alice`; markdown text shows it literally, and
 * a space there is harmless).
 */
const REFERENCE = /&(?:#(\d+);?|#x([\da-f]+);?|(commat);)/iy;

type Range = [start: number, end: number];

/** Plain text (titles, milestone names, commit messages): every would-be mention. */
export function neutralizeText(text: string): string {
  return MAY_MENTION.test(text) ? insertSpaces(text, mentionsIn(text, [[0, text.length]])) : text;
}

/**
 * Markdown (issue bodies, comments, check-run text): mentions in the parsed text, link text
 * included, leaving code spans, code blocks, URLs and HTML comments (the marker) as they are.
 */
export function neutralizeMarkdown(markdown: string): string {
  if (!MAY_MENTION.test(markdown)) return markdown;
  return insertSpaces(markdown, mentionsIn(markdown, shownRanges(markdown)));
}

/**
 * The source ranges GitHub scans for mentions. Markdown nested thousands deep overflows the
 * parser's stack; then everything outside HTML comments counts (code included), because a ping
 * is worse than a space in code.
 */
function shownRanges(markdown: string): Range[] {
  try {
    return walk(parseMarkdown(markdown), markdown);
  } catch (error) {
    if (error instanceof RangeError) return outsideComments(markdown, 0, markdown.length);
    throw error;
  }
}

/** Iterative, so no depth of nesting the parser accepts can overflow the stack here. */
function walk(root: Nodes, source: string): Range[] {
  const ranges: Range[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "code" || node.type === "inlineCode" || node.type === "yaml") continue;
    // A bare URL's text is the URL itself (changing it would break it), and a definition is a target.
    if (node.type === "definition" || (node.type === "link" && !isBracketed(node, source))) continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (node.type === "text") ranges.push([start, end]);
    else if (node.type === "html") ranges.push(...afterLeadingComments(source, start, end));
    else if ("children" in node) for (const child of node.children) stack.push(child as Nodes);
  }
  return ranges;
}

/** `[text](url)` rather than an autolink such as `https://…` or `<https://…>`. */
function isBracketed(node: Nodes, source: string): boolean {
  return source[node.position?.start.offset ?? -1] === "[";
}

/**
 * Raw HTML minus the comments it opens with (the marker is one), so `<!-- x --> cc @alice` is
 * neutralised after the comment. Only leading comments are skipped: further in, a `<!--` may sit
 * in an attribute value, where it opens no comment, and a space in a hidden comment is harmless.
 */
function afterLeadingComments(source: string, start: number, end: number): Range[] {
  let at = start;
  for (let next = skipSpaces(source, at); source.startsWith("<!--", next) && next < end; next = skipSpaces(source, at))
    at = Math.min(commentEnd(source, next), end);
  return at < end ? [[at, end]] : [];
}

/** Everything but HTML comments, wherever they are: only for text that could not be parsed. */
function outsideComments(source: string, start: number, end: number): Range[] {
  const ranges: Range[] = [];
  for (let at = start; at < end;) {
    const open = source.indexOf("<!--", at);
    if (open === -1 || open >= end) return [...ranges, [at, end]];
    ranges.push([at, open]);
    at = commentEnd(source, open);
  }
  return ranges;
}

/** Where the comment opened at `open` ends, as an HTML parser reads it: `<!-->` and `--!>` included. */
function commentEnd(source: string, open: number): number {
  if (source.startsWith(">", open + 4)) return open + 5;
  if (source.startsWith("->", open + 4)) return open + 6;
  const ends = [source.indexOf("-->", open + 4), source.indexOf("--!>", open + 4)].filter((i) => i !== -1);
  if (ends.length === 0) return source.length;
  const close = Math.min(...ends);
  return close + (source.startsWith("-->", close) ? 3 : 4);
}

function skipSpaces(source: string, at: number): number {
  while (/\s/.test(source[at] ?? "")) at++;
  return at;
}

/** Where a zero-width space goes to break each mention in the ranges: right after its `@`. */
function mentionsIn(source: string, ranges: Range[]): number[] {
  const offsets: number[] = [];
  for (const [start, end] of ranges)
    for (let at = start; at < end; at++) {
      const length = atSignLength(source, at);
      if (length === 0) continue;
      if (!isAlphanumeric(source[at - 1]) && startsWithAlphanumeric(source, at + length)) offsets.push(at + length);
      at += length - 1;
    }
  return offsets;
}

/** 1 for `@`, the reference's length for one that decodes to `@`, otherwise 0. */
function atSignLength(source: string, at: number): number {
  if (source[at] === "@") return 1;
  const reference = decodeReference(source, at);
  return reference?.char === "@" ? reference.length : 0;
}

function startsWithAlphanumeric(source: string, at: number): boolean {
  return isAlphanumeric(source[at] === "&" ? decodeReference(source, at)?.char : source[at]);
}

function decodeReference(source: string, at: number): { char: string; length: number } | null {
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(source);
  if (match === null) return null;
  const [text, decimal, hex] = match;
  const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : 0x40;
  return { char: code <= 0x10ffff ? String.fromCodePoint(code) : "", length: text.length };
}

function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9]$/.test(char);
}

function insertSpaces(text: string, offsets: number[]): string {
  if (offsets.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (const at of [...new Set(offsets)].sort((a, b) => a - b)) parts.push(text.slice(from, (from = at)));
  parts.push(text.slice(from));
  return parts.join(ZWSP);
}
