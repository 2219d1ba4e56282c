import type { Plan } from "./plan-types.js";

/**
 * The codes of the errors that mark a whole file as unread: a file past a limit of
 * src/plan/input-limits.ts, or one the parser (or its worker) stopped on; and broken frontmatter.
 * The sync keeps every issue of such a file as it is (src/sync/reconcile.ts asks isUnreadable):
 * its tasks are unknown, not removed.
 */
export const UNREADABLE_FILE = "unreadable-file";
export const BAD_FRONTMATTER = "bad-frontmatter";

/** True when nothing of the file was read, whatever the reason. */
export function isUnreadable(plan: Pick<Plan, "diagnostics">): boolean {
  return plan.diagnostics.some((d) => d.code === UNREADABLE_FILE || d.code === BAD_FRONTMATTER);
}

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
