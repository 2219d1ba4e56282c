import type { Logger } from "probot";
import { loadConfig, type ConfigLoader } from "../github/load-config.js";
import type { BlobCache } from "../github/blob-cache.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { readBranchHead } from "../github/read-branch-head.js";
import { checkRunReporter } from "../github/check-run-reporter.js";
import {
  reportInvalidConfig,
  syncRepo,
  type SyncOptions,
  type SyncOutcome,
  type SyncTarget,
} from "../github/sync-repo.js";
import { createPathMatcher, touchedPlanPaths } from "../sync/plan-paths.js";
import type { MergedSync } from "./merge-work.js";

export interface SyncJobOptions extends SyncOptions {
  creator: string | null;
  log: Logger;
  cache?: BlobCache;
  readConfig?: ConfigLoader;
}

/**
 * One sync of a repository at its branch head, for any number of pushes (or an installation,
 * or a reconcile). Null when there was nothing to sync.
 */
export async function runSync(
  octokit: Octokit,
  work: MergedSync,
  { creator, log, cache, reporter, onProgress, readConfig = loadConfig }: SyncJobOptions,
): Promise<SyncOutcome | null> {
  const repo: RepoRef = { owner: work.owner, repo: work.repo };
  const info = await repositoryInfo(octokit, repo, work);
  const loaded = await readConfig(octokit, repo);
  const target: SyncTarget = { repo, sha: "", htmlUrl: info.htmlUrl, paths: "all", creator, cache };
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
  if (work.commits !== null) {
    // Merged or late pushes may list a file as removed that is back at the head: reconcile then
    // finds its tasks missing and reads every plan file before removing anything.
    target.paths = touchedPlanPaths(work.commits, createPathMatcher(config.paths));
    if (target.paths.present.length + target.paths.removed.length === 0) return null;
  }
  log.info({ paths: target.paths }, "Syncing plan files");
  return syncRepo(octokit, target, config, log, { reporter, onProgress });
}

async function repositoryInfo(octokit: Octokit, repo: RepoRef, work: MergedSync) {
  if (work.defaultBranch && work.htmlUrl) return { defaultBranch: work.defaultBranch, htmlUrl: work.htmlUrl };
  const { data } = await octokit.rest.repos.get({ ...repo });
  return { defaultBranch: data.default_branch, htmlUrl: data.html_url };
}
