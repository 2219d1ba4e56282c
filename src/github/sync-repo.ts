import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import { checkReport, type CheckReport } from "../sync/check-report.js";
import type { DocsSnapshot, Operation, RemoteIssue, RemoteState } from "../sync/sync-types.js";
import { issueTypeNote } from "../sync/issue-type.js";
import type { BlobCache } from "./blob-cache.js";
import type { OwnerKind } from "./owner-kind.js";
import type { DocSource } from "./read-docs.js";
import { applyOperations, type ApplyProgress, type ApplyResult } from "./apply-operations.js";
import { decideSync, fileDiagnostics } from "./decide-sync.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { checkRunReporter } from "./check-run-reporter.js";
import type { Reporter } from "./reporter.js";
import { validateAssignees } from "./validate-assignees.js";
import { adoptionNotes } from "../sync/adoption.js";
import { progressText, syncEta } from "../sync/sync-eta.js";
import { progressReports } from "./progress-reports.js";
import { pausedBeforeApply } from "./paused-before-apply.js";

export interface SyncTarget {
  repo: RepoRef;
  /** The commit whose docs are the truth for this sync. */
  sha: string;
  htmlUrl: string;
  /** The app's bot login, which creates every managed issue; null when unknown (see bot-login.ts). */
  creator: string | null;
  /** The plan files a push touched, or "all" to scan the whole tree (installation, config change). */
  paths: { present: string[]; removed: string[] } | "all";
  /** Parsed plans by blob sha: a full scan then reads and parses only the files that changed. */
  cache?: BlobCache;
  /** Where the docs are read; by default the repository at `sha`. The CLI reads a working tree. */
  source?: DocSource;
  /**
   * Closes or labels no issue whose task is missing, and reports it as skipped: set for a working
   * tree, which may lack tasks added upstream since it was checked out.
   */
  skipRemovals?: boolean;
  /** The owner's kind when the door knows it for free (owner-kind.ts): a user's repository has no issue types to read. */
  ownerKind?: OwnerKind;
}

/** Syncs with more operations than this open an in-progress check run first. */
const LONG_SYNC = 20;

export interface SyncOutcome {
  writes: number;
  /** The kind of each operation applied, for metrics. */
  applied: Operation["kind"][];
  failed: boolean;
  /** Issues whose box never followed their state on GitHub: the caller queues their write-back. */
  writeBacks: number[];
  /** Issues whose board Status moved while the doc did not (reconcile-board.ts): owed to the doc. */
  boardWriteBacks?: number[];
  /** GitHub's rate limit stopped the sync part-way: the caller resumes it after this long. */
  resumeAfterMs?: number;
  /** What the reporter was given. */
  report: CheckReport;
  /** With `skipRemovals`: the issues whose task is missing, left alone. */
  skippedRemovals: RemoteIssue[];
  /** The commit synced. */
  sha: string;
  /**
   * The report could not be delivered (the check run's POST failed): what was applied stands and
   * the write-backs are still owed, so the caller queues them and then fails the job, whose retry
   * posts the report (a retry reports even when it finds nothing left to change).
   */
  reportError?: unknown;
}

export interface SyncOptions {
  /** Where the report goes; the app's check runs by default. */
  reporter?: Reporter;
  /** Told after each operation GitHub answered, for a progress line. */
  onProgress?: ApplyProgress;
}

/** Reads docs and GitHub, reconciles, applies (unless dry run) and reports. */
export async function syncRepo(
  octokit: Octokit,
  target: SyncTarget,
  config: PlansyncConfig,
  log: Logger,
  { reporter = checkRunReporter(octokit, target.repo), onProgress }: SyncOptions = {},
): Promise<SyncOutcome> {
  // A sync from a working tree cannot commit IDs into it: the CLI's `plansync ids` does that.
  const assignIds = target.source === undefined;
  let decided: Awaited<ReturnType<typeof decideSync>>;
  try {
    decided = await decideSync(octokit, target, config, log, { assignIds });
  } catch (error) {
    // The ID commit (ids.assign) is a write: a rate limit there pauses the sync, as one below does.
    const paused = config.dryRun ? null : await pausedBeforeApply(reporter, target, error, log);
    if (paused === null) throw error;
    return paused;
  }
  const { docs, remote, result } = decided;
  const notes = [
    ...adoptionNotes(result.adoption.waiting, remote.claiming ?? []),
    // A board out of reach, a missing field: one line each with the fix (board-problem.ts, board-notes.ts).
    ...(result.boardNotes ?? []),
    ...(config.dryRun
      ? []
      : await validateAssignees(
          octokit,
          target.repo,
          result.operations,
          remote.issues.flatMap((i) => i.assignees),
        )),
  ];
  const long = !config.dryRun && result.operations.length > LONG_SYNC;
  const tasks = docs.files.reduce((sum, file) => sum + file.plan.tasks.length, 0);
  const estimate = syncEta(result.operations, tasks);
  if (long) await reporter.started(target.sha, result.operations.length, estimate);
  const progress = progressReports(reporter, target.sha, estimate, { log });
  const outcome: ApplyResult = config.dryRun
    ? { applied: [], refused: [] }
    : await applyOperations(octokit, target.repo, result.operations, remote, (op, done, total) => {
        progress.applied(op);
        onProgress?.(op, done, total);
      });
  await progress.settled();
  log.info({ operations: result.operations.length, applied: outcome.applied.length, dryRun: config.dryRun }, "Synced");
  if (outcome.failure?.waitMs !== undefined)
    log.warn(
      { failure: outcome.failure.message, resumeInMs: outcome.failure.waitMs },
      "Rate limited part-way; resuming later",
    );
  else if (outcome.failure) log.error({ failure: outcome.failure.message }, "Sync stopped part-way");
  const report = checkReport({
    htmlUrl: target.htmlUrl,
    done: outcome.applied,
    pending: notAttempted(result.operations, outcome),
    refused: outcome.refused,
    dryRun: config.dryRun,
    failure: outcome.failure?.message,
    pausedForMs: outcome.failure?.waitMs,
    resumedBy: reporter.resumedBy,
    ...(outcome.failure?.waitMs !== undefined && {
      resumes: {
        at: Date.now() + outcome.failure.waitMs,
        progress: progressText(
          estimate.done + outcome.applied.filter((a) => a.op.kind === "create-issue").length,
          estimate.total,
        ),
      },
    }),
    files: fileDiagnostics(docs, result.diagnostics),
    notes: [...notes, ...typeNotes(config, remote, target.repo, docs, outcome.notes)],
    progress: result.progress,
    held: {
      issues: result.heldRemovals,
      sha: target.sha,
      limit: config.removal.limit,
      removable: result.removable,
      action: config.removal.action,
    },
    waiting: result.adoption.waiting.length,
  });
  if (result.heldRemovals.length > 0)
    log.warn({ held: result.heldRemovals.length }, "Mass removal held until confirmed in the config");
  const problems = report.annotations.length + notes.length + result.heldRemovals.length;
  let reportError: unknown;
  try {
    await reporter.synced(target.sha, report, { changed: result.operations.length > 0, problems });
  } catch (error) {
    // Thrown from here, it would undo nothing on GitHub yet lose the write-backs owed below.
    reportError = error;
    log.error({ err: error }, "The sync's report could not be delivered");
  }
  return {
    ...(reportError !== undefined && { reportError }),
    report,
    writes: outcome.applied.length,
    resumeAfterMs: outcome.failure?.waitMs,
    applied: outcome.applied.map((a) => a.op.kind),
    failed: outcome.failure !== undefined,
    writeBacks: config.dryRun || !config.writeBack.enabled ? [] : result.writeBacks,
    boardWriteBacks: config.dryRun || !config.writeBack.enabled ? [] : (result.boardWriteBacks ?? []),
    skippedRemovals: result.skippedRemovals ?? [],
    sha: target.sha,
  };
}

/**
 * Issue types that could not be set, one line each (issue-type.ts). Notes, not problems: a
 * user-owned repository says it on every sync that writes, and never posts a check run for it alone.
 */
function typeNotes(
  config: PlansyncConfig,
  remote: RemoteState,
  repo: RepoRef,
  docs: DocsSnapshot,
  refused: readonly string[] = [],
): string[] {
  const tasks = docs.files.flatMap((f) => f.plan.tasks);
  const epics = config.hierarchy.epics === "issue" && docs.files.some((f) => f.plan.epics.length > 0);
  const kinds = { task: tasks.length > 0, epic: epics };
  const note = issueTypeNote(config, remote.issueTypes, repo, kinds);
  return [...(note === null ? [] : [note]), ...refused];
}

function notAttempted(operations: readonly Operation[], outcome: ApplyResult): Operation[] {
  const attempted = new Set<Operation>([
    ...[...outcome.applied, ...outcome.refused].map((a) => a.op),
    ...(outcome.skipped ?? []),
  ]);
  return operations.filter((op) => !attempted.has(op));
}

/** Reports an invalid config on the commit as a failure; nothing else happens. */
export async function reportInvalidConfig(reporter: Reporter, sha: string, errors: string[]): Promise<void> {
  await reporter.notice(sha, {
    conclusion: "failure",
    title: "Invalid .github/plansync.yml: nothing was synced",
    summary: `plansync did not sync because its config is invalid. Fix these and push again:\n\n${errors.map((e) => `- ${e}`).join("\n")}`,
    text: "",
    annotations: [],
  });
}
