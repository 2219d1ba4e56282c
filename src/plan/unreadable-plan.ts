import type { Plan } from "./plan-types.js";

/**
 * The code of the error that marks a whole file as unread. The sync keeps every issue of such a
 * file as it is (src/sync/reconcile.ts looks for this code): its tasks are unknown, not removed.
 * Broken frontmatter was the first such error, hence the name; a file past a limit of
 * src/plan/input-limits.ts, or one the parser failed on, is unread the same way.
 */
export const UNREADABLE_FILE = "bad-frontmatter";

/** A plan with no tasks and one file-level error that says why nothing was read. */
export function unreadablePlan(message: string, line = 1): Plan {
  return {
    milestone: null,
    milestones: [],
    tasks: [],
    diagnostics: [{ severity: "error", code: UNREADABLE_FILE, message, line, column: 1 }],
    fields: {},
    unassigned: [],
    title: null,
    epics: [],
    overview: null,
  };
}

/** The last line of defence: a parser failure becomes the file's error, never a throw. */
export function failedPlan(error: unknown): Plan {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return unreadablePlan(
    `plansync could not read this file: ${reason.slice(0, 200)}. Its issues are left as they are; report this at the plansync repository with the file attached.`,
  );
}
