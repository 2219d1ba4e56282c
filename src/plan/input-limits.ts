import { readContainerPrefix, type ContainerPrefix } from "./container-prefix.js";
import { countScanMarkers } from "./scan-markers.js";

/**
 * The limits on untrusted markdown. Anyone who can open a pull request (the preview parses the
 * fork's docs) or edit an issue body hands plansync markdown, and the markdown parser
 * (micromark, under remark) takes quadratic time or overflows its stack on some shapes: deep
 * nesting, and paragraphs full of markers it matches by scanning back. These caps are checked
 * by one linear pass before parsing; a file past one is reported and not read at all.
 */

/**
 * The largest plan file read: 2 MiB. The largest real plan docs are a few hundred KB, and a
 * generated 1 MB plan (12,500 tasks) must still parse; past 2 MiB a doc is no plan a person keeps.
 */
export const MAX_PLAN_BYTES = 2 * 1024 * 1024;

/**
 * The deepest nesting of lists and block quotes read: 64. Real docs never nest 10 deep, and the
 * parser's time grows with the square of the depth on every line (and its stack runs out in the
 * thousands).
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * micromark scans back over a whole paragraph for every `*`, `_` or `~` that may close emphasis,
 * and for every `]`, and ahead for every backtick run: a paragraph of `a* a* a*` takes time
 * quadratic in its length. The work is bounded by (such markers in a paragraph) × (its length),
 * summed over the file: at most this much, plus MARKER_WORK_PER_BYTE for every byte of the file.
 * A long paragraph of prose with dozens of bold words uses a few percent of it.
 */
export const MARKER_WORK_BASE = 2 ** 24;
export const MARKER_WORK_PER_BYTE = 32;

export interface LimitBreach {
  /** The line to point at: where the file first goes past the cap. */
  line: number;
  message: string;
}

/** The first cap the text goes past, or null. One pass, linear in the text. */
export function findLimitBreach(text: string): LimitBreach | null {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_PLAN_BYTES)
    return {
      line: 1,
      message: `This file is ${formatMiB(bytes)}; plansync reads plan files of at most ${formatMiB(MAX_PLAN_BYTES)}, so it read nothing from it and changed none of its issues. Split it into several plan files.`,
    };
  return scanLines(text, MARKER_WORK_BASE + MARKER_WORK_PER_BYTE * bytes);
}

/** The paragraph being read: where it started, its size, and its markers so far. */
interface Chunk {
  line: number;
  chars: number;
  markers: number;
}

function scanLines(text: string, workBudget: number): LimitBreach | null {
  let deepest = { depth: 0, line: 0 };
  let firstPast = 0;
  let work = 0;
  let chunk: Chunk = { line: 1, chars: 0, markers: 0 };
  let previous: Chain | null = null;
  let headingBefore = false;
  let inTable = false;
  let line = 0;
  for (let start = 0; start <= text.length;) {
    line++;
    const newline = text.indexOf("\n", start);
    const next = newline === -1 ? text.length + 1 : newline + 1;
    const end = newline === -1 ? text.length : newline - (text[newline - 1] === "\r" ? 1 : 0);
    const prefix = readContainerPrefix(text, start, end);
    const depth = nestingDepth(prefix);
    if (depth > deepest.depth) deepest = { depth, line };
    if (depth > MAX_NESTING_DEPTH && firstPast === 0) firstPast = line;
    const blank = prefix.offset === end && prefix.items === 0;
    const heading = isAtxHeading(text, prefix, end);
    const opensItem = startsItem(prefix, previous);
    // A table's cells are parsed one by one, so each row is a paragraph of its own for this count.
    const row = inTable || text[prefix.offset] === "|";
    if (blank || heading || headingBefore || opensItem || row) {
      work += chunk.markers * chunk.chars;
      if (work > workBudget) return firstPast > 0 ? depthBreach(deepest, firstPast) : markerBreach(chunk, workBudget);
      chunk = { line, chars: 0, markers: 0 };
    }
    chunk.chars += next - start;
    chunk.markers += countScanMarkers(text, prefix.offset, end);
    previous = nextChain(previous, prefix, opensItem, blank);
    headingBefore = heading;
    inTable = !blank && (inTable || isDelimiterRow(text, prefix.offset, end));
    start = next;
  }
  work += chunk.markers * chunk.chars;
  if (firstPast > 0) return depthBreach(deepest, firstPast);
  return work > workBudget ? markerBreach(chunk, workBudget) : null;
}

/** A GFM table's delimiter row (`|---|:--:|`, `--- | ---`): only pipes, colons, dashes and spaces. */
function isDelimiterRow(text: string, start: number, end: number): boolean {
  let dashes = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === "-") dashes++;
    else if (c !== "|" && c !== ":" && c !== " " && c !== "\t") return false;
  }
  return dashes > 0 && text.slice(start, end).includes("|");
}

/**
 * An upper bound on how many containers the line is inside once read: its quotes, the items it
 * opens, and those its indentation can still be inside (each list level takes two columns or
 * more). Lines that open nothing only continue containers some earlier line opened and counted.
 */
function nestingDepth(prefix: ContainerPrefix): number {
  if (prefix.items === 0) return prefix.quotes;
  return prefix.quotes + prefix.items + Math.floor(Math.max(0, prefix.indent - prefix.quoteEnd) / 2);
}

/** The list item a line opened, which the next lines may nest in or stand beside. */
interface Chain {
  quotes: number;
  marker: number;
  content: number;
}

/**
 * True only when the line surely starts a new list item, and so a new paragraph: counting two
 * paragraphs as one costs nothing but precision, while the reverse would let a paragraph's
 * markers go uncounted. An item surely starts when its bullet (or `1.`) sits at most three
 * columns in from the quote markers, or beside or inside the item the lines before opened.
 */
function startsItem(prefix: ContainerPrefix, previous: Chain | null): boolean {
  if (!prefix.interrupts) return false;
  if (prefix.indent - prefix.quoteEnd <= 3) return true;
  if (previous === null || previous.quotes !== prefix.quotes || prefix.tabbed) return false;
  const inside = prefix.indent >= previous.content && prefix.indent - previous.content <= 3;
  return prefix.indent === previous.marker || inside;
}

/** The chain goes on through blank lines and lines inside the item; any other line ends it. */
function nextChain(previous: Chain | null, prefix: ContainerPrefix, opensItem: boolean, blank: boolean): Chain | null {
  if (opensItem && !prefix.tabbed) return { quotes: prefix.quotes, marker: prefix.indent, content: prefix.itemContent };
  if (blank && prefix.quotes === (previous?.quotes ?? 0)) return previous;
  const inside = previous !== null && prefix.quotes === previous.quotes && prefix.indent >= previous.content;
  return inside ? previous : null;
}

/** `# Title` at most three columns in from the quote markers: a heading, a paragraph of its own. */
function isAtxHeading(text: string, prefix: ContainerPrefix, end: number): boolean {
  if (prefix.items > 0 || prefix.column - prefix.quoteEnd > 3 || text[prefix.offset] !== "#") return false;
  let i = prefix.offset;
  while (i < end && i - prefix.offset < 7 && text[i] === "#") i++;
  return i - prefix.offset <= 6 && (i === end || text[i] === " " || text[i] === "\t");
}

function depthBreach(deepest: { depth: number; line: number }, firstPast: number): LimitBreach {
  const from = deepest.line === firstPast ? "" : ` (and past ${MAX_NESTING_DEPTH} from line ${count(firstPast)})`;
  return {
    line: firstPast,
    message: `This file nests lists and block quotes ${count(deepest.depth)} levels deep at line ${count(deepest.line)}${from}; plansync reads at most ${MAX_NESTING_DEPTH} levels, so it read nothing from this file and changed none of its issues. Flatten the lists or quotes.`,
  };
}

function markerBreach(chunk: Chunk, budget: number): LimitBreach {
  return {
    line: chunk.line,
    message: `The paragraph at line ${chunk.line.toLocaleString("en-US")} (${chunk.chars.toLocaleString("en-US")} characters, ${chunk.markers.toLocaleString("en-US")} \`*\`, \`_\`, \`~\`, \`]\` or backtick markers) takes this file past the ${budget.toLocaleString("en-US")} units of marker matching plansync allows; markdown parsers take quadratic time over such paragraphs, so plansync read nothing from this file and changed none of its issues. Split long paragraphs and tables with blank lines, or escape the markers (\`\\*\`).`,
  };
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
