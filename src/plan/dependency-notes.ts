import { splitId, type IdMatcher } from "./id-matcher.js";
import { idKey } from "./task-id.js";

/** One "waits for" edge read from the doc: `task` cannot finish before `on`. */
export interface DependencyEdge {
  task: string;
  on: string;
}

/**
 * The phrases that state an order between tasks. `blocks` points forward (`T003 blocks T004`);
 * the others point back (`T011 depends on T010`). Literal words, so matching is linear.
 */
const VERB = /\b(blocks|depends on|depend on|blocked by|requires|waits for|after)\b/i;
const SPLIT = /[\s,;()[\]*`_]+/;
const RANGE_DASHES = ["–", "—", "..", "-"];
/** A range larger than this is a typo, not a plan: `T001–T9999` expands to nothing. */
const MAX_RANGE = 200;

/**
 * Reads dependency statements out of one line of text: a note (`T003 blocks T004–T008`), or a
 * task's own title (`… (depends on T010)`), where `self` stands in when the line names no
 * subject before the verb.
 */
export function readDependencyLine(text: string, matcher: IdMatcher, self: string | null = null): DependencyEdge[] {
  const verb = VERB.exec(text);
  if (!verb) return [];
  const before = readIdList(text.slice(0, verb.index), matcher);
  const after = readIdList(text.slice(verb.index + verb[0].length), matcher);
  const subjects = before.length ? before.slice(-1) : self ? [self] : [];
  if (verb[1]!.toLowerCase() === "blocks") return after.flatMap((task) => subjects.map((on) => ({ task, on })));
  if (verb[1]!.toLowerCase() === "after" && before.length === 0) return [];
  return subjects.flatMap((task) => after.map((on) => ({ task, on })));
}

/** `BE-001, BE-002`, `T004–T008`, `1.1 and 2.5`: every ID named, ranges expanded, in order. */
export function readIdList(text: string, matcher: IdMatcher): string[] {
  const ids: string[] = [];
  for (const raw of text.split(SPLIT)) {
    const token = trimTrailingPunctuation(raw);
    if (token === "") continue;
    const range = expandRange(token, matcher);
    if (range) ids.push(...range);
    else if (matcher.read(token)?.id === token) ids.push(token);
  }
  return unique(ids);
}

const TRAILING = new Set([".", ":", "："]);

/**
 * `T004.` and `T004:` name T004. A loop from the end, not `/[.:：]+$/`: that regex tries every
 * position of a run and scans the run from each, so a line of 160,000 dots took 27 seconds.
 */
function trimTrailingPunctuation(token: string): string {
  let end = token.length;
  while (end > 0 && TRAILING.has(token[end - 1]!)) end--;
  return token.slice(0, end);
}

function expandRange(token: string, matcher: IdMatcher): string[] | null {
  for (const dash of RANGE_DASHES) {
    const at = token.indexOf(dash);
    if (at <= 0) continue;
    const from = token.slice(0, at);
    const to = token.slice(at + dash.length);
    if (!matcher.isId(from) || !matcher.isId(to)) continue;
    const a = splitId(from)!;
    const b = splitId(to)!;
    if (idKey(a.prefix) !== idKey(b.prefix)) continue;
    return numbersBetween(a.number, b.number).map((n) => from.slice(0, from.length - a.number.length) + n);
  }
  return null;
}

function numbersBetween(from: string, to: string): string[] {
  const start = Number(from);
  const end = Number(to);
  if (end < start || end - start > MAX_RANGE) return [];
  const width = from.length;
  return Array.from({ length: end - start + 1 }, (_, i) => String(start + i).padStart(width, "0"));
}

/** The first of each ID, compared without case (`T004` and `t004` are one). */
function unique(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => !seen.has(idKey(id)) && seen.add(idKey(id)));
}
