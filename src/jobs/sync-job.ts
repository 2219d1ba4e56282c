import type { Logger } from "probot";
import { changedSince } from "../github/changed-files.js";
import { loadConfig, type ConfigLoader } from "../github/load-config.js";
import type { SyncedRecord } from "../github/synced-ref.js";
import type { BlobCache } from "../github/blob-cache.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { readBranchHead } from "../github/read-branch-head.js";
import { ownerKind } from "../github/owner-kind.js";
import { checkRunReporter } from "../github/check-run-reporter.js";
import {
  reportInvalidConfig,
  syncRepo,
  type SyncOptions,
  type SyncOutcome,
  type SyncTarget,
} from "../github/sync-repo.js";
import { createPathMatcher, touchedPaths, touchedPlanPaths, type PushCommit } from "../sync/plan-paths.js";
import type { MergedSync } from "./merge-work.js";

export interface SyncJobOptions extends SyncOptions {
  creator: string | null;
  log: Logger;
  cache?: BlobCache;
  readConfig?: ConfigLoader;
  /**
   * The commit the last fully successful sync was at (the Action's, synced-ref.ts): the files
   * changed since are synced along with the work's, and the record moves to the head only after
   * a sync there fully succeeded (not stopped, not paused, not a dry run).
   */
  record?: SyncedRecord;
}

/**
 * One sync of a repository at its branch head, for any number of pushes (or an installation,
 * or a reconcile). Null when there was nothing to sync.
 */
export async function runSync(
  octokit: Octokit,
  work: MergedSync,
  { creator, log, cache, reporter, onProgress, readConfig = loadConfig, record }: SyncJobOptions,
): Promise<SyncOutcome | null> {
  const repo: RepoRef = { owner: work.owner, repo: work.repo };
  const info = await repositoryInfo(octokit, repo, work);
  const loaded = await readConfig(octokit, repo);
  const target: SyncTarget = {
    repo,
    sha: "",
    htmlUrl: info.htmlUrl,
    paths: "all",
    creator,
    cache,
    ...(info.ownerKind && { ownerKind: info.ownerKind }),
  };
  if (!loaded.ok) {
    log.warn({ errors: loaded.errors }, "Invalid config; not syncing");
    if (!work.branches.some((b) => b === null || b === info.defaultBranch)) return null;
    const sha = work.after ?? (await readBranchHead(octokit, repo, info.defaultBranch));
    if (sha !== null) await reportInvalidConfig(reporter ?? checkRunReporter(octokit, repo), sha, loaded.errors);
    return null;
  }
  const config = loaded.config;
  const branch = config.branch ?? info.defaultBranch;
  if (!work.branches.some((b) => b === null || b === branch)) return null;
  const head = await readBranchHead(octokit, repo, branch);
  if (head === null) return (log.info({ branch }, "The branch is gone; nothing to sync"), null);
  if (work.after && head !== work.after)
    log.info({ head }, "The branch has moved on since the push; syncing at its head");
  target.sha = head;
  const recorded = record ? await record.read() : null;
  const commits =
    record && work.commits !== null
      ? await withUnsynced(octokit, repo, work.commits, recorded, head, readConfig.path)
      : work.commits;
  const done = async () => {
    if (record && recorded !== head && !config.dryRun) await record.write(head, recorded);
  };
  if (commits !== null) {
    // Merged or late pushes may list a file as removed that is back at the head: reconcile then
    // finds its tasks missing and reads every plan file before removing anything.
    target.paths = touchedPlanPaths(commits, createPathMatcher(config.paths));
    if (target.paths.present.length + target.paths.removed.length === 0) return (await done(), null);
  }
  log.info({ paths: target.paths }, "Syncing plan files");
  const outcome = await syncRepo(octokit, target, config, log, { reporter, onProgress });
  if (!outcome.failed && outcome.resumeAfterMs === undefined) await done();
  return outcome;
}

/**
 * The work's commits plus what changed since the recorded commit; null (every plan file) when
 * nothing is recorded, the record is not an ancestor of the head, or the config (`configPath`)
 * changed since.
 */
async function withUnsynced(
  octokit: Octokit,
  repo: RepoRef,
  commits: PushCommit[],
  recorded: string | null,
  head: string,
  configPath: string,
): Promise<PushCommit[] | null> {
  if (recorded === head) return commits;
  const since = recorded === null ? null : await changedSince(octokit, repo, recorded, head);
  if (since === null || touchedPaths(since).includes(configPath)) return null;
  return [...commits, ...since];
}

async function repositoryInfo(octokit: Octokit, repo: RepoRef, work: MergedSync) {
  if (work.defaultBranch && work.htmlUrl)
    return { defaultBranch: work.defaultBranch, htmlUrl: work.htmlUrl, ownerKind: work.ownerKind };
  const { data } = await octokit.rest.repos.get({ ...repo });
  return { defaultBranch: data.default_branch, htmlUrl: data.html_url, ownerKind: ownerKind(data.owner?.type) };
}
