import { assignTaskIds } from "./assign-task-ids.js";
import { createScoper } from "../sync/task-scope.js";
import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import { checkReport, type FileDiagnostics } from "../sync/check-report.js";
import { pathsToVerify } from "../sync/paths-to-verify.js";
import { createPathMatcher } from "../sync/plan-paths.js";
import { reconcile } from "../sync/reconcile.js";
import type { DocsSnapshot, Operation, RemoteState } from "../sync/sync-types.js";
import type { BlobCache } from "./blob-cache.js";
import { applyOperations, type ApplyResult } from "./apply-operations.js";
import { loadConfig } from "./load-config.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { hasCheckRun, postCheckRun, readConfirmedRemovals, startCheckRun } from "./post-check-run.js";
import { listTreePaths, readPlanFiles } from "./read-docs.js";
import { readRemoteState, withIssuesByCreator } from "./read-remote-state.js";
import { validateAssignees } from "./validate-assignees.js";

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
  /** GitHub's rate limit stopped the sync part-way: the caller resumes it after this long. */
  resumeAfterMs?: number;
}

/** Reads docs and GitHub, reconciles, applies (unless dry run) and reports. */
export async function syncRepo(
  octokit: Octokit,
  target: SyncTarget,
  config: PlansyncConfig,
  log: Logger,
): Promise<SyncOutcome> {
  const { docs, remote, result } = await decide(octokit, target, config, log);
  const notes = config.dryRun
    ? []
    : await validateAssignees(
        octokit,
        target.repo,
        result.operations,
        remote.issues.flatMap((i) => i.assignees),
      );
  const long = !config.dryRun && result.operations.length > LONG_SYNC;
  const runId = long ? await startCheckRun(octokit, target.repo, target.sha, result.operations.length) : undefined;
  const outcome: ApplyResult = config.dryRun
    ? { applied: [], refused: [] }
    : await applyOperations(octokit, target.repo, result.operations, remote.milestones);
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
    files: fileDiagnostics(docs, result.diagnostics),
    notes,
    held: { issues: result.heldRemovals, sha: target.sha, limit: config.removal.limit },
  });
  if (result.heldRemovals.length > 0)
    log.warn({ held: result.heldRemovals.length }, "Mass removal held until confirmed in the config");
  const problems = report.annotations.length + notes.length + result.heldRemovals.length;
  if (runId !== undefined || (await worthReporting(octokit, target, result.operations.length, problems))) {
    await postCheckRun(octokit, target.repo, target.sha, report, runId);
  }
  return {
    writes: outcome.applied.length,
    resumeAfterMs: outcome.failure?.waitMs,
    applied: outcome.applied.map((a) => a.op.kind),
    failed: outcome.failure !== undefined,
    writeBacks: config.dryRun || !config.writeBack.enabled ? [] : result.writeBacks,
  };
}

function notAttempted(operations: readonly Operation[], outcome: ApplyResult): Operation[] {
  const attempted = new Set<Operation>([...outcome.applied, ...outcome.refused].map((a) => a.op));
  return operations.filter((op) => !attempted.has(op));
}

/** The pure core's verdict, after reading every plan file if a task may have moved out of the pushed ones. */
async function decide(octokit: Octokit, target: SyncTarget, config: PlansyncConfig, log: Logger) {
  let remote = await readRemoteState(octokit, target.repo);
  const options = { confirmedRemovals: await readConfirmedRemovals(octokit, target.repo, config) };
  const verdict = async (docs: DocsSnapshot) => {
    const result = reconcile(docs, remote, config, options);
    if (!target.creator || !result.operations.some((op) => op.kind === "create-issue")) return result;
    remote = await withIssuesByCreator(octokit, target.repo, remote, target.creator);
    return reconcile(docs, remote, config, options);
  };
  const read = await readDocs(octokit, target, config, remote);
  // With ids.assign, ID-less tasks are numbered in a commit first; the sync then reads that commit.
  const numbered = await assignTaskIds(octokit, target, config, read, remote, log);
  const at = numbered === null ? target : { ...target, sha: numbered };
  const docs = numbered === null ? read : await readDocs(octokit, at, config, remote);
  const result = await verdict(docs);
  if (!result.needsFullScan) return { docs, remote, result };
  log.info("A task is missing from the files pushed; reading every plan file before removing anything");
  const all = await readDocs(octokit, { ...at, paths: "all" }, config, remote);
  return { docs: all, remote, result: await verdict(all) };
}

/**
 * A sync that changed something always reports. One that changed nothing reports only problems,
 * and only once per commit, so a redelivered push writes nothing.
 */
async function worthReporting(octokit: Octokit, target: SyncTarget, operations: number, problems: number) {
  if (operations > 0) return true;
  return problems > 0 && !(await hasCheckRun(octokit, target.repo, target.sha));
}

/** Reports an invalid config on the commit as a failed check run; nothing else happens. */
export async function reportInvalidConfig(octokit: Octokit, target: SyncTarget, errors: string[]): Promise<void> {
  await postCheckRun(octokit, target.repo, target.sha, {
    conclusion: "failure",
    title: "Invalid .github/plansync.yml: nothing was synced",
    summary: `plansync did not sync because its config is invalid. Fix these and push again:\n\n${errors.map((e) => `- ${e}`).join("\n")}`,
    text: "",
    annotations: [],
  });
}

async function readDocs(
  octokit: Octokit,
  target: SyncTarget,
  config: PlansyncConfig,
  remote: RemoteState,
): Promise<DocsSnapshot> {
  const options = {
    idPrefixes: config.ids.prefixes,
    featureMilestones: config.milestones.enabled && config.milestones.features,
  };
  const matches = createPathMatcher(config.paths);
  const all = target.paths === "all";
  const touched = target.paths === "all" ? { present: [], removed: [] } : target.paths;
  const listing = all ? await listTreePaths(octokit, target.repo, target.sha) : null;
  const wanted = listing ? listing.paths.filter(matches) : touched.present;
  const blobs = listing && target.cache ? { cache: target.cache, shas: listing.shas } : undefined;
  const read = await readPlanFiles(octokit, target.repo, wanted, target.sha, options, blobs);
  // A pushed file missing at the synced commit was deleted since: it counts as removed.
  const covered = new Set([...wanted, ...touched.removed]);
  const docs: DocsSnapshot = {
    ...target.repo,
    sha: target.sha,
    htmlUrl: target.htmlUrl,
    files: read.files,
    coveredPaths: covered,
    complete: listing?.complete ?? false,
    exhausted: listing !== null && !listing.complete,
  };
  const verify = all ? [] : pathsToVerify(docs, remote, createScoper(config.ids.scopes));
  if (verify.length === 0) return docs;
  const extra = await readPlanFiles(octokit, target.repo, verify, target.sha, options);
  verify.forEach((p) => covered.add(p));
  return { ...docs, files: [...docs.files, ...extra.files] };
}

function fileDiagnostics(
  docs: DocsSnapshot,
  crossFile: Map<string, FileDiagnostics["diagnostics"]>,
): FileDiagnostics[] {
  return docs.files.map(({ path, plan }) => ({
    path,
    diagnostics: [...plan.diagnostics, ...(crossFile.get(path) ?? [])],
  }));
}
