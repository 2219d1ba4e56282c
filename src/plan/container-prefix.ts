/**
 * The containers a line opens or continues, read the way micromark reads them but in one pass
 * and without a tree: its block quote markers (`>`) and the list items it starts (`- - x`,
 * `> 1. - x`). Used to bound what a markdown parse costs before it starts.
 */
export interface ContainerPrefix {
  /** `>` markers on the line. */
  quotes: number;
  /** Column just after the last `>` before any list marker (0 without one). */
  quoteEnd: number;
  /** List items the line starts (`- - x` starts two). */
  items: number;
  /** Column of the first list marker, or of the content when the line starts no item. */
  indent: number;
  /** Where the innermost item's content starts, as CommonMark counts it (1 to 4 spaces after the marker). */
  itemContent: number;
  /** True when the first item may interrupt a paragraph: a bullet or `1.`, with text after. */
  interrupts: boolean;
  /** A tab in the prefix: columns are then only approximate. */
  tabbed: boolean;
  /** Offset and column of the first character after the prefix and its spaces. */
  offset: number;
  column: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x3e;

/** Reads the container prefix of the line text[start, end). Linear in the prefix. */
export function readContainerPrefix(text: string, start: number, end: number): ContainerPrefix {
  const prefix = emptyPrefix(start);
  let i = start;
  let column = 0;
  let firstMarker = -1;
  let markerEndColumn = 0;
  for (;;) {
    for (let c = text.charCodeAt(i); i < end && (c === SPACE || c === TAB); c = text.charCodeAt(++i)) {
      prefix.tabbed ||= c === TAB;
      column = c === TAB ? column + 4 - (column % 4) : column + 1;
    }
    if (i < end && text.charCodeAt(i) === QUOTE) {
      prefix.quotes++;
      i++;
      column++;
      if (firstMarker === -1) prefix.quoteEnd = column;
      continue;
    }
    const after = markerEnd(text, i, end);
    if (after === -1) break;
    if (firstMarker === -1) {
      prefix.indent = column;
      firstMarker = i;
    }
    column += after - i;
    markerEndColumn = column;
    i = after;
    prefix.items++;
  }
  prefix.offset = i;
  prefix.column = column;
  if (prefix.indent === -1) prefix.indent = column;
  const spaces = column - markerEndColumn;
  prefix.itemContent = i < end && spaces >= 1 && spaces <= 4 ? column : markerEndColumn + 1;
  if (prefix.items > 0 && i === end && isThematicBreak(text, firstMarker, end)) prefix.items = 0;
  prefix.interrupts = prefix.items > 0 && i < end && (isBullet(text[firstMarker]) || opensAtOne(text, firstMarker));
  return prefix;
}

function emptyPrefix(offset: number): ContainerPrefix {
  return {
    quotes: 0,
    quoteEnd: 0,
    items: 0,
    indent: -1,
    itemContent: 0,
    interrupts: false,
    tabbed: false,
    offset,
    column: 0,
  };
}

function isBullet(c: string | undefined): boolean {
  return c === "-" || c === "*" || c === "+";
}

/** Offset after a list marker at `at` (`-`, `*`, `+`, `1.`, `12)`) followed by a space, a tab or the end; else -1. */
function markerEnd(text: string, at: number, end: number): number {
  let i = at;
  if (isBullet(text[i])) i++;
  else {
    while (i < end && i - at < 10 && text[i]! >= "0" && text[i]! <= "9") i++;
    if (i === at || i - at > 9 || (text[i] !== "." && text[i] !== ")")) return -1;
    i++;
  }
  if (i > end) return -1;
  return i === end || text[i] === " " || text[i] === "\t" ? i : -1;
}

/** `1.` and `1)` start an ordered list that may interrupt a paragraph; `01.` and `2.` do not. */
function opensAtOne(text: string, at: number): boolean {
  return text[at] === "1" && (text[at + 1] === "." || text[at + 1] === ")");
}

/** `- - -` or `* * *` and nothing else (no `>` among them): a rule, which is no list at all. */
function isThematicBreak(text: string, from: number, end: number): boolean {
  const mark = text[from];
  if (mark !== "-" && mark !== "*") return false;
  let count = 0;
  for (let i = from; i < end; i++) {
    if (text[i] === mark) count++;
    else if (text[i] !== " " && text[i] !== "\t") return false;
  }
  return count >= 3;
}
