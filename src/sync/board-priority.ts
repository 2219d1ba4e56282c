import type { LocatedTask } from "./collect-tasks.js";
import { fieldValue } from "./board-doc-fields.js";

const PRIORITY_LABEL = "priority: ";

/**
 * A task's priority in doc words: its own `**Priority:**` field, else its `priority: …` label
 * (from its `P1` tag, a Backlog.md `priority:`, or a priority heading above it), else the doc's
 * `**Priority:**` field. Decoration is dropped (see priorityText); null when none is named.
 */
export function taskPriority(located: LocatedTask): string | null {
  const { task } = located;
  const label = task.labels.find((l) => l.startsWith(PRIORITY_LABEL))?.slice(PRIORITY_LABEL.length);
  const named = [fieldValue(task.fields, ["Priority"]), label, fieldValue(located.file.plan.fields, ["Priority"])];
  for (const text of named) {
    const priority = text === undefined || text === null ? null : priorityText(text);
    if (priority !== null) return priority;
  }
  return null;
}

/**
 * The priority a text names, without decoration: `🔄 High Priority (Should Have)` → `High`,
 * `🔴 Critical` → `Critical`, `P1` → `P1`. Board options are read the same way, so an option
 * `🔥 High` matches the doc's `high` (compared by priorityKey). At most 200 characters.
 */
export function priorityText(text: string): string | null {
  const bare = (value: string) =>
    value
      .replace(/\bpriority\b/gi, " ")
      .replace(EDGE_DECORATION, "")
      .replace(/\s+/g, " ")
      .trim();
  // `(Should Have)` is a gloss; but `(P1)` alone is the priority.
  const priority = bare(text.replace(/\([^()]*\)/g, " ")) || bare(text);
  return priority === "" ? null : priority.slice(0, 200);
}

/** How priorities compare: their words without decoration, ignoring case. */
export function priorityKey(text: string): string {
  return (priorityText(text) ?? "").toLowerCase();
}

/** Anything but letters and digits at either end: emoji, bullets, colons, brackets. */
const EDGE_DECORATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
