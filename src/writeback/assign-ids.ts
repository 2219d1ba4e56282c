import { splitId } from "../plan/id-matcher.js";
import type { Plan } from "../plan/index.js";
import { isLocalId } from "../sync/task-scope.js";

/** How new IDs are written: `BILL-8`, or `T014` when the file's IDs look like that. */
export interface IdFormat {
  prefix: string;
  separator: "-" | "";
  width: number;
}

export interface Assignment {
  line: number;
  id: string;
  text: string;
}

export type AssignResult =
  { ok: true; text: string; assigned: Assignment[]; format: IdFormat | null } | { ok: false; message: string };

/** Words in a milestone title that say nothing about the work: `Backend: billing - M2.1`. */
const GENERIC =
  /^(backend|frontend|milestone|api|service|services|app|web|mobile|the|and|for|of|with|phase|sprint|release|v\d+|m\d+)$/i;

/**
 * Numbers each ID-less checkbox item in the plan's task sections by inserting `ID ` after its
 * box: byte-exact, nothing else in the text changes. The prefix comes from the file's own IDs,
 * else its milestone, else `fallbackPrefix`; numbers continue after the highest in use, counting
 * `taken` (IDs used elsewhere in the repository or by its issues).
 */
export function assignIds(
  source: string,
  plan: Plan,
  fallbackPrefix: string | null,
  taken: ReadonlySet<string> = new Set(),
): AssignResult {
  if (plan.unassigned.length === 0) return { ok: true, text: source, assigned: [], format: null };
  const format = formatFromIds(plan) ?? formatFromMilestone(plan) ?? fromPrefix(fallbackPrefix);
  if (!format)
    return {
      ok: false,
      message:
        "has no task IDs and no milestone to take a prefix from. Pass one, e.g. --prefix BILL, to number its tasks BILL-1, BILL-2, …",
    };
  let next = highestNumber(format, [...plan.tasks.map((t) => t.id), ...taken]) + 1;
  const assigned = plan.unassigned.map((item) => ({ ...item, id: render(format, next++) }));
  let text = source;
  for (const item of [...assigned].reverse())
    text = text.slice(0, item.insertOffset) + `${item.id} ` + text.slice(item.insertOffset);
  return { ok: true, text, format, assigned: assigned.map(({ line, id, text: t }) => ({ line, id, text: t })) };
}

/** The most used prefix among the file's repository-wide IDs, written the way they are. */
function formatFromIds(plan: Plan): IdFormat | null {
  const counts = new Map<string, { count: number; format: IdFormat }>();
  for (const { id } of plan.tasks) {
    const parts = splitId(id);
    if (!parts || isLocalId(id)) continue;
    const separator = id.charAt(parts.prefix.length) === "-" ? "-" : "";
    const entry = counts.get(parts.prefix) ?? { count: 0, format: { prefix: parts.prefix, separator, width: 0 } };
    entry.count++;
    entry.format.width = Math.max(entry.format.width, parts.number.startsWith("0") ? parts.number.length : 0);
    counts.set(parts.prefix, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  return best?.format ?? null;
}

/** `Backend: billing - M2.1 - Invoice export` → `BILL`: the first word that names the work. */
function formatFromMilestone(plan: Plan): IdFormat | null {
  const title = plan.milestone?.title ?? "";
  const word = title.split(/[^A-Za-z]+/).find((w) => w.length >= 3 && !GENERIC.test(w));
  return word ? { prefix: word.slice(0, 4).toUpperCase(), separator: "-", width: 0 } : null;
}

function fromPrefix(prefix: string | null): IdFormat | null {
  return prefix ? { prefix, separator: "-", width: 0 } : null;
}

function highestNumber(format: IdFormat, ids: Iterable<string>): number {
  let highest = 0;
  for (const id of ids) {
    const parts = splitId(id);
    if (parts && parts.prefix === format.prefix) highest = Math.max(highest, Number(parts.number));
  }
  return highest;
}

function render(format: IdFormat, n: number): string {
  return `${format.prefix}${format.separator}${String(n).padStart(format.width, "0")}`;
}
