import type { IdMatcher } from "./id-matcher.js";
import { MAX_ID_LENGTH } from "./id-matcher.js";

/** What the first line of a list item says: its ID, title, estimate and markers. */
export interface TaskLead {
  id: string;
  title: string;
  points: number | null;
  markers: string[];
}

export type LeadResult = { kind: "task"; lead: TaskLead } | { kind: "malformed"; token: string } | { kind: "none" };

const SEPARATORS = new Set([":", "—", "–", "-"]);
const TOKEN_CHAR = /[A-Za-z0-9_-]/;
/** Spec-kit markers: `[P]` (parallel) and `[US1]` (user story). Anchored and bounded. */
const MARKER = /^\[(P|US\d{1,4})\]\s*/;
/** A trailing estimate: `(3 points)`, `(2 pts)`, `(1 point)`, `(5 SP)`. Anchored at the end, no nested quantifiers. */
const ESTIMATE = /\(\s*(\d{1,4}(?:\.\d{1,2})?)\s*(?:points?|pts?|sp)\s*\)\s*$/i;

/**
 * Reads a list item's first line of plain text. The ID must come first; `decorated` says the
 * first inline node was bold or code, which is when an ID-shaped token that fails to parse is
 * worth a warning rather than silence.
 */
export function readTaskLead(line: string, matcher: IdMatcher, decorated: boolean): LeadResult {
  let i = skipSpaces(line, 0);
  const bracketed = line[i] === "[";
  if (bracketed) i++;
  const start = i;
  while (i < line.length && i - start <= MAX_ID_LENGTH && TOKEN_CHAR.test(line[i]!)) i++;
  const token = line.slice(start, i);
  if (bracketed) {
    if (line[i] !== "]") return { kind: "none" };
    i++;
  }
  const next = line[i];
  const boundary = next === undefined || next === ":" || /\s/.test(next);
  if (!boundary || !matcher.isId(token)) {
    const suspicious = (decorated || bracketed) && matcher.looksLikeId(token);
    return suspicious ? { kind: "malformed", token } : { kind: "none" };
  }
  return { kind: "task", lead: { id: token, ...readTitle(line.slice(i)) } };
}

function readTitle(rest: string): Omit<TaskLead, "id"> {
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
