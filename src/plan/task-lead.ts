import type { IdMatcher } from "./id-matcher.js";
import { MAX_ID_LENGTH, isIdChar, isRange, needsConvention } from "./id-grammar.js";
import { emojiStatus, isInvisible, skipDecoration, type EmojiStatus } from "./task-decoration.js";
import { readTrailers } from "./todo-trailers.js";

/** What the first line of a list item says: its ID, title, estimate and markers. */
export interface TaskLead {
  id: string;
  title: string;
  points: number | null;
  markers: string[];
  /** True for dotted numbers (`2.1`, `A1.1`, `US-1.1`), whose parent is given by the numbering. */
  outline: boolean;
  /** `#perf` words at the line's end, without the `#`. */
  tags: string[];
  /** `~4h` at the line's end → `4h`. */
  estimate: string | null;
  /** The machine-readable tail as written (`→ [todo/PLANS.md#x] ~4h (ai:2h) logged:…`), or "". */
  trailer: string;
  /** Its `key:value` words. */
  trailerFields: Record<string, string>;
  /** A bare `Q3`-like token (id-grammar.ts needsConvention): a task only among siblings with its prefix. */
  needsConvention: boolean;
  /** The state a status emoji before the ID names (`✅ T1`), or null (task-decoration.ts). */
  emojiStatus: EmojiStatus | null;
  /** A priority tag before the ID (`P1 T12`, `**[P2]** BE-014`) as `P1`, or null. */
  priority: string | null;
}

export type LeadResult = { kind: "task"; lead: TaskLead } | { kind: "malformed"; token: string } | { kind: "none" };

export interface LeadContext {
  /** The first inline node was bold or code: an ID-shaped token that fails to parse is then worth a warning. */
  decorated: boolean;
  /** The item has a checkbox: only then does an outline number (`2.1`) make it a task. */
  boxed: boolean;
  /** The line with code and link text masked, for reading `#tags` (masked-text.ts); the line itself when absent. */
  masked?: string;
  /** Set when reading past a priority tag: a second tag is not read past. */
  afterPriority?: boolean;
}

/** A priority tag (`P0`…`P9`): before an ID it is the task's priority, not its ID. */
const PRIORITY = /^P\d$/;

/** Inside an ID a zero-width joiner joins no emoji: it is pasted noise like the others. */
const ZWJ = "\u200D";
/** A full-width colon (`T001：`) is how CJK keyboards type a colon. */
const COLONS = new Set([":", "："]);
const SEPARATORS = new Set([...COLONS, "—", "–", "-"]);
/** Spec-kit markers: `[P]` (parallel) and `[US1]` (user story). Anchored and bounded. */
const MARKER = /^\[(P|US\d{1,4})\]\s*/;
/** A trailing estimate: `(3 points)`, `(2 pts)`, `(1 point)`, `(5 SP)`. Anchored at the end, no nested quantifiers. */
const ESTIMATE = /\(\s*(\d{1,4}(?:\.\d{1,2})?)\s*(?:points?|pts?|sp)\s*\)\s*$/i;

/**
 * Reads a list item's first line of plain text (its checkbox already removed). The ID must come
 * first, after any status emoji, optionally in brackets (bold and code markers are already gone).
 */
export function readTaskLead(line: string, matcher: IdMatcher, context: LeadContext): LeadResult {
  let i = skipDecoration(line, 0);
  const status = emojiStatus(line.slice(0, i));
  // Parentheses wrap an ID as brackets do: `(T001) Title`.
  const close = line[i] === "[" ? "]" : line[i] === "(" ? ")" : null;
  if (close !== null) i++;
  const token = readToken(line, i);
  i = token.end;
  if (close !== null) {
    if (line[i] !== close) return { kind: "none" };
    i++;
  } else if (line[i] === ")" && token.text !== "") i++; // `T001) Title`, as `1) Step` is written
  const next = line[i];
  const boundary = next === undefined || COLONS.has(next) || /\s/.test(next);
  if (PRIORITY.test(token.text) && next !== undefined && /\s/.test(next) && !context.afterPriority) {
    const tagged = readPrioritized(line, i, matcher, context, token.text);
    if (tagged !== null) return { kind: "task", lead: { ...tagged, emojiStatus: status ?? tagged.emojiStatus } };
  }
  const parsed = boundary ? matcher.read(token.text) : null;
  if (parsed === null) {
    const suspicious = (context.decorated || close !== null) && matcher.looksLikeId(token.text) && !isRange(token.text);
    return suspicious ? { kind: "malformed", token: token.text } : { kind: "none" };
  }
  // A numbered line without a box is a numbered step, not a task (`1. Plain step`).
  if (parsed.shape === "outline" && !context.boxed) return { kind: "none" };
  const outline = parsed.shape === "outline" || parsed.dotted;
  const masked = context.masked ?? line;
  const weak = needsConvention(parsed) && !context.decorated && close === null && !matcher.configured;
  return {
    kind: "task",
    lead: {
      id: parsed.id,
      outline,
      needsConvention: weak,
      emojiStatus: status,
      priority: null,
      ...readTitle(line.slice(i), masked.slice(i)),
    },
  };
}

/**
 * `P1 T12 Title`: when an ID follows a priority tag, that ID leads the task and the tag is its
 * priority; the ID's own decoration and brackets count, the tag's do not. Null when no ID follows
 * (`P1 Fix login` keeps reading `P1` by the usual rules) or another tag does.
 */
function readPrioritized(
  line: string,
  at: number,
  matcher: IdMatcher,
  context: LeadContext,
  priority: string,
): TaskLead | null {
  const masked = context.masked ?? line;
  const rest = readTaskLead(line.slice(at), matcher, {
    decorated: false,
    boxed: context.boxed,
    masked: masked.slice(at),
    afterPriority: true,
  });
  if (rest.kind !== "task" || PRIORITY.test(rest.lead.id)) return null;
  return { ...rest.lead, priority };
}

/**
 * The ID-shaped token at `from`, without the invisible format characters pasted text carries
 * (`T0\u200b05` is `T005`); `end` is past the token and any invisible characters after it.
 */
function readToken(line: string, from: number): { text: string; end: number } {
  let text = "";
  let i = from;
  while (i < line.length && text.length <= MAX_ID_LENGTH) {
    if (isInvisible(line[i]!) || line[i] === ZWJ) i++;
    else if (isIdChar(line[i])) text += line[i++];
    else break;
  }
  return { text, end: i };
}

/** `masked` is `rest` with code and link text masked, character for character (masked-text.ts). */
function readTitle(
  rest: string,
  masked: string,
): Omit<TaskLead, "id" | "outline" | "needsConvention" | "emojiStatus" | "priority"> {
  let at = rest.length - rest.trimStart().length;
  if (SEPARATORS.has(rest[at] ?? "")) at = skipSpace(rest, at + 1);
  const markers: string[] = [];
  for (let m = MARKER.exec(rest.slice(at)); m; m = MARKER.exec(rest.slice(at))) {
    markers.push(m[1]!);
    at += m[0].length;
  }
  const trailers = readTrailers(rest.slice(at), masked.slice(at));
  let text = trailers.title;
  const estimate = ESTIMATE.exec(text);
  const points = estimate ? Number(estimate[1]) : null;
  if (estimate) text = text.slice(0, estimate.index);
  return {
    title: text.trim(),
    points,
    markers,
    tags: trailers.tags,
    estimate: trailers.estimate,
    trailer: trailers.text,
    trailerFields: trailers.fields,
  };
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
