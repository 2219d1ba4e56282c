import type { Plan } from "../plan/index.js";

/**
 * The code of a file plansync did not finish reading. The sync (src/sync/reconcile.ts) treats a
 * plan carrying it as unreadable, as it treats a file whose frontmatter is broken: no task came
 * from it, so none of its issues is closed. reconcile.ts knows this one code today; a code of
 * its own per reason (read-stopped, file-too-large) needs it to accept those too.
 */
export const UNREADABLE = "bad-frontmatter";

/**
 * A plan with no tasks and one error at line 1, saying why and what to do: the same shape as a
 * file whose frontmatter is broken, which is reported, not half-read.
 */
export function unreadablePlan(message: string): Plan {
  return {
    milestone: null,
    milestones: [],
    tasks: [],
    diagnostics: [{ severity: "error", code: UNREADABLE, message, line: 1, column: 1 }],
    fields: {},
    title: null,
    unassigned: [],
    epics: [],
    overview: null,
  };
}

/** True for a plan the sync must not take as the file's tasks (it is never cached either). */
export function isUnreadable(plan: Plan): boolean {
  return plan.diagnostics.some((d) => d.code === UNREADABLE);
}

const UNCHANGED = "plansync read no tasks from it and changed none of its issues";

export function timedOutPlan(budgetMs: number): Plan {
  return unreadablePlan(
    `plansync stopped reading this file after ${seconds(budgetMs)}; it is too large or too deeply nested. Split it into smaller files (or flatten its nesting); ${UNCHANGED}.`,
  );
}

export function outOfMemoryPlan(memoryMb: number): Plan {
  return unreadablePlan(
    `plansync stopped reading this file: it needed more than ${memoryMb} MB of memory; it is too large or too deeply nested. Split it into smaller files; ${UNCHANGED}.`,
  );
}

export function parseFailedPlan(reason: string): Plan {
  return unreadablePlan(
    `plansync could not read this file (${reason}); it is probably too deeply nested. Flatten its nesting or split it; ${UNCHANGED}.`,
  );
}

export function tooLargePlan(bytes: number, maxBytes: number): Plan {
  return unreadablePlan(
    `This file is ${megabytes(bytes)}; plansync reads plan files up to ${megabytes(maxBytes)}. Split it into smaller files; ${UNCHANGED}.`,
  );
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
