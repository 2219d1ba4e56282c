import { MAX_PLAN_BYTES, type Plan } from "../plan/index.js";
import { unreadablePlan } from "../plan/unreadable-plan.js";

/**
 * The plans of a file plansync stopped reading before the parser could answer: past its time
 * budget, past its thread's memory, or over the size cap before it is downloaded.
 * Each is the parser's own unread-file shape (no tasks, one error), so the sync keeps every issue
 * of the file as it is, and the check run says what happened and what to do.
 */

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

/** A file whose size (from the tree listing, or once read) is over the parser's cap: never parsed. */
export function tooLargePlan(bytes: number): Plan {
  return unreadablePlan(
    `This file is ${mebibytes(bytes)}; plansync reads plan files of at most ${mebibytes(MAX_PLAN_BYTES)}, so it read nothing from it. Split it into several plan files.`,
  );
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
