import { isUnreadable, parsePlan } from "../plan/index.js";
import type { Marker } from "../sync/sync-types.js";

export interface ChecklistState {
  text: string;
  checked: boolean;
}

const FOOTER = "\n\n---\n<sub>";
/** GitHub's cap on an issue body: anything past it is not from GitHub, and is not read. */
export const MAX_ISSUE_BODY = 65_536;
const ZWSP = /\u200B/g;
/** A checkbox list item at the start of a line: a cheap first look before the real parse. */
const BOX_LINE = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\]/gm;

/**
 * The checklist of a managed issue's body, read with the same parser as the doc: the content
 * above plansync's footer is the task's sub-bullets, so it is nested under a stand-in task.
 * Texts lose the zero-width spaces of neutralised mentions, so they match the doc's. A body the
 * parser refuses (nested past its limits) has no checklist plansync can read.
 */
export function issueChecklist(body: string, id = STAND_IN): ChecklistState[] {
  return readChecklist(body, id) ?? [];
}

const STAND_IN = "ISSUE-1";

/**
 * The stand-in task has the real task's kind of ID: whether numbered steps under a task are
 * its checklist or tasks of their own depends on it (`1.1` under `1.` is a task, under `T001` a
 * step), and the issue's checklist must be read as the doc's was.
 */
function standIn(id: string): string {
  return /^\d/.test(id) ? "999." : STAND_IN;
}

/** The checklist, or null when the body is past the parser's limits and was not read. */
function readChecklist(body: string, id = STAND_IN): ChecklistState[] | null {
  const nested = contentOf(body)
    .split(/\r?\n/)
    .map((line) => (line === "" ? "" : `  ${line}`))
    .join("\n");
  const plan = parsePlan(`- [ ] ${standIn(id)} body\n${nested}\n`);
  if (isUnreadable(plan)) return null;
  return (plan.tasks[0]?.checklist ?? []).map(({ text, checked }) => ({ text: text.replace(ZWSP, ""), checked }));
}

/** `x` or space per checklist item, in order: how the marker records agreed ticks. */
export function checksOf(items: readonly ChecklistState[]): string {
  return items.map((item) => (item.checked ? "x" : " ")).join("");
}

/**
 * True when the issue's ticks moved away from those the marker agreed on: a checklist
 * write-back is owed. A marker without `checks` (written before they were tracked) never is, nor
 * an epic's, whose `checks` are its stories' ticks, not a checklist in its body (epic-state.ts).
 * A regex look comes first, so the usual unchanged issue costs no markdown parse.
 */
export function checklistDrifted(body: string, marker: Marker): boolean {
  if (marker.checks === undefined || marker.epic) return false;
  if (quickTicks(body) === marker.checks) return false;
  // An unreadable body owes nothing: writing back from it could only untick the doc.
  const items = readChecklist(body, marker.id);
  return items !== null && checksOf(items) !== marker.checks;
}

/**
 * The ticks of the body's checkbox lines by a linear regex scan, no markdown parse: what a
 * webhook handler may afford to look at. Equal scans mean no tick moved.
 */
export function quickTicks(body: string): string {
  return [...contentOf(body).matchAll(BOX_LINE)].map((m) => (m[1] === " " ? " " : "x")).join("");
}

/** True when the two bodies tick different checklist items: for markers without `checks`. */
export function checklistChanged(before: string, after: string): boolean {
  const a = readChecklist(before);
  const b = readChecklist(after);
  if (a === null || b === null) return false;
  return a.length !== b.length || a.some((item, i) => item.text !== b[i]!.text || item.checked !== b[i]!.checked);
}

/** The body above plansync's footer, and never more than GitHub's cap. */
function contentOf(body: string): string {
  const capped = body.slice(0, MAX_ISSUE_BODY);
  const end = capped.indexOf(FOOTER);
  return end === -1 ? capped : capped.slice(0, end);
}
