import type { IdMatcher } from "./id-matcher.js";
import { MAX_ID_LENGTH, splitId } from "./id-matcher.js";
import { readOutlineNumber } from "./outline-number.js";

/** What the first line of a list item says: its ID, title, estimate and markers. */
export interface TaskLead {
  id: string;
  title: string;
  points: number | null;
  markers: string[];
  /** True for outline numbers (`2.1`), whose parent is given by the numbering. */
  outline: boolean;
}

export type LeadResult = { kind: "task"; lead: TaskLead } | { kind: "malformed"; token: string } | { kind: "none" };

export interface LeadContext {
  /** The first inline node was bold or code: an ID-shaped token that fails to parse is then worth a warning. */
  decorated: boolean;
  /** The item has a checkbox: only then does an outline number (`2.1`) make it a task. */
  boxed: boolean;
}

/** A full-width colon (`T001：`) is how CJK keyboards type a colon. */
const COLONS = new Set([":", "："]);
const SEPARATORS = new Set([...COLONS, "—", "–", "-"]);
const TOKEN_CHAR = /[A-Za-z0-9_-]/;
/** Spec-kit markers: `[P]` (parallel) and `[US1]` (user story). Anchored and bounded. */
const MARKER = /^\[(P|US\d{1,4})\]\s*/;
/** A trailing estimate: `(3 points)`, `(2 pts)`, `(1 point)`, `(5 SP)`. Anchored at the end, no nested quantifiers. */
const ESTIMATE = /\(\s*(\d{1,4}(?:\.\d{1,2})?)\s*(?:points?|pts?|sp)\s*\)\s*$/i;

/** Reads a list item's first line of plain text (its checkbox already removed). The ID must come first. */
export function readTaskLead(line: string, matcher: IdMatcher, context: LeadContext): LeadResult {
  const start = skipSpaces(line, 0);
  if (context.boxed) {
    const outline = readOutlineNumber(line, start);
    if (outline)
      return { kind: "task", lead: { id: outline.id, outline: true, ...readTitle(line.slice(outline.end)) } };
  }
  let i = start;
  const bracketed = line[i] === "[";
  if (bracketed) i++;
  const tokenStart = i;
  while (i < line.length && i - tokenStart <= MAX_ID_LENGTH && TOKEN_CHAR.test(line[i]!)) i++;
  const token = line.slice(tokenStart, i);
  if (bracketed) {
    if (line[i] !== "]") return { kind: "none" };
    i++;
  }
  const next = line[i];
  const boundary = next === undefined || COLONS.has(next) || /\s/.test(next);
  if (!boundary || !matcher.isId(token) || isRange(token)) {
    const suspicious = (context.decorated || bracketed) && matcher.looksLikeId(token) && !isRange(token);
    return suspicious ? { kind: "malformed", token } : { kind: "none" };
  }
  return { kind: "task", lead: { id: token, outline: false, ...readTitle(line.slice(i)) } };
}

/** `T008-T012` names a range of tasks (a note about them), not one task. */
function isRange(token: string): boolean {
  for (let dash = token.indexOf("-"); dash !== -1; dash = token.indexOf("-", dash + 1)) {
    const left = splitId(token.slice(0, dash));
    const right = splitId(token.slice(dash + 1));
    if (left && right && left.prefix === right.prefix) return true;
  }
  return false;
}

function readTitle(rest: string): Omit<TaskLead, "id" | "outline"> {
  let text = rest.trimStart();
  if (SEPARATORS.has(text[0] ?? "")) text = text.slice(1).trimStart();
  const markers: string[] = [];
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    markers.push(m[1]!);
    text = text.slice(m[0].length);
  }
  const estimate = ESTIMATE.exec(text);
  const points = estimate ? Number(estimate[1]) : null;
  if (estimate) text = text.slice(0, estimate.index);
  return { title: text.trim(), points, markers };
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}
