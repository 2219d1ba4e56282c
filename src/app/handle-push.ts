import type { Context } from "probot";
import { CONFIG_PATH, loadConfig } from "../github/load-config.js";
import { readBranchHead } from "../github/read-branch-head.js";
import { reportInvalidConfig, syncRepo, type SyncTarget } from "../github/sync-repo.js";
import { createPathMatcher, touchedPlanPaths } from "../sync/plan-paths.js";
import type { AppServices } from "./app-services.js";
import { queueWriteBack } from "./queue-write-back.js";

/** GitHub lists at most this many commits in a push payload; a longer push is scanned whole. */
const LISTED_COMMITS = 20;
const MARKDOWN = /\.(md|markdown)$/i;

/**
 * A push counts when it lands on the synced branch and touches a plan file. A push that touches
 * no markdown and not the config costs no API call at all; the rest is decided after reading the config.
 */
export async function handlePush(context: Context<"push">, services: AppServices): Promise<void> {
  const { queue, creator } = services;
  const payload = context.payload;
  if (payload.deleted || !payload.ref.startsWith("refs/heads/")) return;
  const commits = payload.commits ?? [];
  const touched = commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
  const configChanged = touched.includes(CONFIG_PATH);
  const incomplete = payload.forced || commits.length >= LISTED_COMMITS;
  if (!configChanged && !incomplete && !touched.some((path) => MARKDOWN.test(path))) return;

  const repo = context.repo();
  const log = context.log.child({ repo: payload.repository.full_name, sha: payload.after });
  void queue.enqueue(payload.repository.full_name, async () => {
    const branch = payload.ref.slice("refs/heads/".length);
    const loaded = await loadConfig(context.octokit, repo);
    const target: SyncTarget = {
      repo,
      sha: payload.after,
      htmlUrl: payload.repository.html_url,
      paths: "all",
      creator: await creator(),
    };
    if (!loaded.ok) {
      log.warn({ errors: loaded.errors }, "Invalid config; not syncing");
      if (branch === payload.repository.default_branch)
        await reportInvalidConfig(context.octokit, target, loaded.errors);
      return;
    }
    const config = loaded.config;
    if (branch !== (config.branch ?? payload.repository.default_branch)) return;
    const head = await readBranchHead(context.octokit, repo, branch);
    if (head === null) return log.info({ branch }, "The branch is gone; nothing to sync");
    if (head !== payload.after) log.info({ head }, "The branch has moved on since this push; syncing at its head");
    target.sha = head;
    if (!configChanged && !incomplete) {
      target.paths = touchedPlanPaths(commits, createPathMatcher(config.paths));
      if (target.paths.present.length + target.paths.removed.length === 0) return;
    }
    log.info({ paths: target.paths }, "Syncing pushed plan files");
    const outcome = await syncRepo(context.octokit, target, config, log);
    queueWriteBack(context.octokit, repo, outcome.writeBacks, services, log);
  });
}
