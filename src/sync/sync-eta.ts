import {
  BULK_WRITES_PER_HOUR,
  GITHUB_WRITE_LIMITS,
  OCTOKIT_WRITE_SPACING_MS,
  PLANSYNC_WRITE_BUDGET,
} from "./github-limits.js";
import { requestsOfAll } from "./operation-requests.js";
import type { Operation } from "./sync-types.js";

/**
 * How long a sync takes under the write budget, and how far it has come, in words for the check
 * run, the Action's summary and the CLI. The budget admits requests, not operations (one
 * operation can send several: operation-requests.ts), and a repository alone in its installation
 * is admitted BULK_WRITES_PER_HOUR of them an hour (write-budget.ts), so that rate is the
 * arithmetic: the words must match what the budget does.
 */
export interface SyncEta {
  /** `7,370 creates: about 18.4 h at 400 writes an hour (…)`; null when the sync fits in an hour. */
  eta: string | null;
  /** `1,240 of 7,370 done`: tasks with an issue of the tasks in the docs. */
  progress: string;
  /** Expected duration of the writes left, in ms, at the budget's rate. */
  durationMs: number;
  done: number;
  total: number;
  /** Content-creating requests left: what the plan's operations send (operation-requests.ts). */
  writes: number;
}

const HOUR_MS = 3_600_000;

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * From the plan: `operations` left to write, and `tasks` in the docs. Done is counted from the
 * plan and GitHub's state (tasks that already have an issue: every task but those still to
 * create), never from a process's memory, so it holds across a pause, a restart, another instance.
 */
export function syncEta(operations: readonly Operation[], tasks: number): SyncEta {
  const { requests: writes, notifying } = requestsOfAll(operations);
  const creates = operations.filter((op) => op.kind === "create-issue").length;
  const durationMs = expectedDurationMs(writes, notifying);
  const total = Math.max(tasks, creates);
  const done = total - creates;
  const progress = progressText(done, total);
  const counts = { durationMs, done, total, writes };
  if (writes <= BULK_WRITES_PER_HOUR) return { eta: null, progress, ...counts };
  const what = writes === creates ? `${count(creates)} creates` : `${count(writes)} writes (${count(creates)} creates)`;
  const hours = (durationMs / HOUR_MS).toFixed(1);
  const eta =
    `${what}: about ${hours} h at ${BULK_WRITES_PER_HOUR} writes an hour ` +
    `(GitHub allows ${GITHUB_WRITE_LIMITS.perHour} content-creating requests an hour; plansync keeps ` +
    `${GITHUB_WRITE_LIMITS.perHour - PLANSYNC_WRITE_BUDGET.perHour} as a margin and ${PLANSYNC_WRITE_BUDGET.reserve} for the installation's other repositories)`;
  return { eta, progress, ...counts };
}

/**
 * What the budget does with `writes` from one repository: each hour's BULK_WRITES_PER_HOUR go out
 * at octokit's pace, then the sync pauses until the first `resumeChunk` of them age out of the
 * hour, so every full batch but the last costs an hour plus that chunk's pace; the last batch
 * costs only its pace.
 */
export function expectedDurationMs(writes: number, notifying: number): number {
  if (writes === 0) return 0;
  const pace =
    (notifying * OCTOKIT_WRITE_SPACING_MS.notifying + (writes - notifying) * OCTOKIT_WRITE_SPACING_MS.other) / writes;
  const pauses = Math.floor((writes - 1) / BULK_WRITES_PER_HOUR);
  const last = writes - pauses * BULK_WRITES_PER_HOUR;
  return pauses * (HOUR_MS + (PLANSYNC_WRITE_BUDGET.resumeChunk - 1) * pace) + (last - 1) * pace;
}

/** `1,240 of 7,370 done`. */
export function progressText(done: number, total: number): string {
  return `${count(done)} of ${count(total)} done`;
}

/** `1,240 of 7,370 done; about 15.3 h left`, with `writesLeft` at the budget's rate. */
export function progressWithTimeLeft(done: number, total: number, writesLeft: number): string {
  const left = Math.max(0, writesLeft);
  const hours = (expectedDurationMs(left, Math.min(left, total - done)) / HOUR_MS).toFixed(1);
  return `${progressText(done, total)}; about ${hours} h left`;
}

/**
 * What resumes a sync paused by GitHub's limit, by the door it runs through: the App's job
 * backend runs it again by itself; the Action's run ends (a new run, or the next scheduled one,
 * resumes it); the CLI's process ends (the user runs it again). Every door resumes from GitHub's
 * state, without duplicates.
 */
export type ResumedBy = "app" | "action" | "cli";

/** `14:04 UTC`: rounded down, so the time named is never later than the actual resume. */
export function utcMinute(at: number): string {
  return `${new Date(Math.floor(at / 60_000) * 60_000).toISOString().slice(11, 16)} UTC`;
}

/**
 * What the reader does, or need not do, about a pause ending at `at` (or, when that moment is
 * not known, in about `wait`: `12 min`).
 */
export function resumeAdvice(resumedBy: ResumedBy, at: number | null, wait = ""): string {
  const when = at === null ? `in about ${wait}` : `after ${utcMinute(at)}`;
  switch (resumedBy) {
    case "app":
      return at === null ? `resumes by itself in about ${wait}` : `resumes by itself at ${utcMinute(at)}`;
    case "action":
      return `run the workflow again ${when}, or the next scheduled run resumes it`;
    case "cli":
      return `run \`plansync sync\` again ${when}`;
  }
}

/**
 * `paused until 14:04 UTC (GitHub's limit on content-creating requests); resumes by itself`, or
 * what to run again, by the door (`resumeAdvice`). Rounded down to the minute: the App's job runs again exactly when the pause ends
 * (job-handler.ts), so a later minute would name a time after the sync already went on.
 */
export function pausedUntil(at: number, resumedBy: ResumedBy = "app"): string {
  const advice = resumedBy === "app" ? "resumes by itself" : resumeAdvice(resumedBy, at);
  return `paused until ${utcMinute(at)} (GitHub's limit on content-creating requests); ${advice}`;
}
