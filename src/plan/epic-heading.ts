import type { IdMatcher } from "./id-matcher.js";

/** `Epic 0`, `Epic 12`, as dependencies name them (`**Dependencies:** Epic 0 complete`). */
const EPIC_REF = /\bepic\s*(?:#\s*)?(\d{1,4})\b/gi;
/** Between the number and the title: `Epic 2: Query API`, `Epic #3 - Billing`, `EPIC 4. Reports`. */
const NUMBER_SEPARATORS = new Set([":", "：", ".", "-", "–", "—"]);
/** Between an ID and the title: `EP-2: Query API (epic)`. */
const ID_SEPARATORS = new Set([":", "：", "-", "–", "—"]);
const DASHES = new Set(["-", "–", "—"]);
/** The longest ID-first token read. */
const MAX_TOKEN = 64;

export interface EpicHeading {
  /** `Epic 2`, or the ID the heading carries. */
  id: string;
  title: string;
}

/**
 * An epic heading: `Epic <number>` first, or an ID first in a heading that says "epic". Its ID
 * names the epic's issue; its number is unique in its file. Read by hand in one pass: the regexes
 * this replaces backtracked over runs of spaces and took quadratic time on a heading of them.
 */
export function epicHeading(text: string, matcher: IdMatcher): EpicHeading | null {
  const trimmed = text.trim();
  const numbered = readNumbered(trimmed);
  if (numbered) return { id: `Epic ${Number(numbered.number)}`, title: numbered.title.trim() || trimmed };
  if (!/\bepic\b/i.test(text)) return null;
  const idFirst = readIdFirst(trimmed);
  const token = idFirst && trimStars(idFirst.token);
  if (!idFirst || !token || !matcher.isId(token)) return null;
  return { id: token, title: idFirst.title.trim() || trimmed };
}

/** The epics a dependency field names: `Epic 0 complete, Epic 1 in progress` gives both. */
export function readEpicRefs(value: string): string[] {
  return [...new Set([...value.matchAll(EPIC_REF)].map((m) => `Epic ${Number(m[1])}`))];
}

/** `Epic #3 - Billing` → 3 and `Billing`; the title must be one line. */
function readNumbered(text: string): { number: string; title: string } | null {
  if (text.slice(0, 4).toLowerCase() !== "epic") return null;
  let i = skipSpace(text, 4);
  if (text[i] === "#") i = skipSpace(text, i + 1);
  const digits = i;
  while (isDigit(text[i]) && i - digits <= 4) i++;
  if (i === digits || i - digits > 4) return null;
  const number = text.slice(digits, i);
  const gap = skipSpace(text, i);
  let titleStart = gap;
  if (NUMBER_SEPARATORS.has(text[gap] ?? "")) titleStart = skipSpace(text, gap + 1);
  else if (gap === i && i < text.length) return null;
  const title = text.slice(titleStart);
  return hasLineBreak(title) ? null : { number, title };
}

/** `EP-2: Query API` → `EP-2` and `Query API`: the longest token that a separator follows. */
function readIdFirst(text: string): { token: string; title: string } | null {
  let run = 0;
  while (run < text.length && !isSpace(text[run]!) && text[run] !== ":" && text[run] !== "：") run++;
  const after = skipSpace(text, run);
  let end = Math.min(run, MAX_TOKEN);
  if (end === 0) return null;
  let separator = end === run ? (ID_SEPARATORS.has(text[after] ?? "") ? after : -1) : dashAt(text, end);
  while (separator === -1 && end > 1) separator = dashAt(text, --end);
  if (separator === -1) return null;
  const title = text.slice(skipSpace(text, separator + 1));
  return hasLineBreak(title) ? null : { token: text.slice(0, end), title };
}

/** A shorter token ends just before a dash inside the run (`EP-2-x` → `EP-2`, then `-x`). */
function dashAt(text: string, at: number): number {
  return DASHES.has(text[at]!) ? at : -1;
}

function trimStars(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && token[start] === "*") start++;
  while (end > start && token[end - 1] === "*") end--;
  return token.slice(start, end);
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text[i]!)) i++;
  return i;
}

function isSpace(c: string): boolean {
  return /\s/.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** What `.` in a regex does not match: the title had to run to the end on one line. */
function hasLineBreak(text: string): boolean {
  return /[\n\r\u2028\u2029]/.test(text);
}
