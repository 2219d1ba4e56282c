import { markMeaning, type MarkMeaning } from "./checkbox-mark.js";

/**
 * What write-back makes a task's mark say. `done` ticks it (`[x]`); `open` unticks a done mark and
 * keeps any other (an issue reopened says nothing about progress); `todo` clears a done or
 * in-progress mark to `[ ]`; `inProgress` writes `[~]` unless the task is already in progress
 * (`[/]` and `[-]` stay as written). The board's Status gives all four; an issue's state gives
 * `done` or `open`, which is what the boolean API (`true`/`false`) still means.
 */
export type MarkTarget = "done" | "open" | "todo" | "inProgress";

/** `true`/`false` from callers that know only closed and open. */
export function markTargetOf(target: boolean | MarkTarget): MarkTarget {
  if (target === true) return "done";
  return target === false ? "open" : target;
}

/** Whether a task that reads as `meaning` (null: no state written) already says `target`. */
export function meetsTarget(meaning: MarkMeaning | null, target: MarkTarget): boolean {
  switch (target) {
    case "done":
      return meaning === "done";
    case "open":
      return meaning !== "done";
    case "todo":
      return meaning !== "done" && meaning !== "in-progress";
    case "inProgress":
      return meaning === "in-progress";
  }
}

/** The mark written between the brackets for a target the task does not meet yet. */
export function markForTarget(target: MarkTarget): string {
  if (target === "done") return "x";
  return target === "inProgress" ? "~" : " ";
}

/**
 * The new mark for an existing one, or null when it already says the target. `[!]` (blocked)
 * reads as open: it stays for `open` and `todo`, as nothing moved it out of being blocked.
 */
export function retargetMark(mark: string, target: MarkTarget): string | null {
  return meetsTarget(markMeaning(mark), target) ? null : markForTarget(target);
}
