import type { Logger } from "probot";
import { checkReport, type CheckReport } from "../sync/check-report.js";
import { createPathMatcher, mayTouchPlans, touchedPaths, touchedPlanPaths } from "../sync/plan-paths.js";
import type { BlobCache } from "./blob-cache.js";
import { decideSync, fileDiagnostics } from "./decide-sync.js";
import { loadConfig, repositoryOnly, type ConfigLoader } from "./load-config.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { checkRunReporter } from "./check-run-reporter.js";
import type { Reporter } from "./reporter.js";
import type { SyncTarget } from "./sync-repo.js";
import type { OwnerKind } from "./owner-kind.js";
import { pullRequestFiles } from "./changed-files.js";
import { boardRead } from "./with-board.js";

export interface PreviewTarget {
  repo: RepoRef;
  number: number;
  headSha: string;
  baseRef: string;
  defaultBranch: string;
  htmlUrl: string;
  creator: string | null;
  cache?: BlobCache;
  /** How the head's config is read; `loadConfig` by default. */
  readConfig?: ConfigLoader;
  /** The head is a fork's: its config is read from this repository alone (load-config.ts). */
  fork?: boolean;
  ownerKind?: OwnerKind;
}

/**
 * The `plansync preview` check run on a pull request's head: what merging it would do to the
 * issues, decided by the same core as a sync from the head's docs and config and GitHub's
 * issues as they are. It writes nothing else. A pull request touching no markdown and not the
 * config costs its file list alone. Returns whether a check run was posted.
 */
export async function previewPullRequest(
  octokit: Octokit,
  t: PreviewTarget,
  log: Logger,
  reporter: Reporter = checkRunReporter(octokit, t.repo),
): Promise<boolean> {
  const changed = await pullRequestFiles(octokit, t.repo, t.number);
  const configPath = (t.readConfig ?? loadConfig).path;
  if (!mayTouchPlans(changed, configPath)) return false;
  const { loaded, notes } = await readHeadConfig(octokit, t);
  if (!loaded.ok) {
    if (t.baseRef !== t.defaultBranch) return false;
    return reporter.previewed(t.headSha, invalidConfigReport(loaded.errors, notes));
  }
  const config = loaded.config;
  if (t.baseRef !== (config.branch ?? t.defaultBranch)) return false;
  const paths = touchedPaths(changed).includes(configPath)
    ? ("all" as const)
    : touchedPlanPaths(changed, createPathMatcher(config.paths));
  if (paths !== "all" && paths.present.length + paths.removed.length === 0) return false;
  const target: SyncTarget = {
    repo: t.repo,
    sha: t.headSha,
    htmlUrl: t.htmlUrl,
    creator: t.creator,
    paths,
    cache: t.cache,
    ...(t.ownerKind && { ownerKind: t.ownerKind }),
  };
  // A fork's preview reads no board: a board is outside the repository (with-board.ts).
  const fork = t.fork === true;
  const { docs, remote, result } = await decideSync(octokit, target, config, log, { assignIds: false, fork });
  const unread = fork && boardRead(docs, remote, config).urls.length > 0 ? [FORK_BOARD_NOTE] : [];
  const report = checkReport({
    htmlUrl: t.htmlUrl,
    done: [],
    pending: result.operations,
    dryRun: true,
    preview: { base: t.baseRef },
    files: fileDiagnostics(docs, result.diagnostics),
    notes: [...notes, ...unread],
    progress: result.progress,
    held: {
      issues: result.heldRemovals,
      sha: t.headSha,
      limit: config.removal.limit,
      removable: result.removable,
      action: config.removal.action,
    },
  });
  log.info({ pull: t.number, operations: result.operations.length }, "Previewed a pull request");
  return reporter.previewed(t.headSha, report);
}

/** The head's config; a fork's from this repository alone, with a note when its `_extends` was ignored. */
async function readHeadConfig(octokit: Octokit, t: PreviewTarget) {
  const read = t.readConfig ?? loadConfig;
  if (!t.fork) return { loaded: await read(octokit, t.repo, t.headSha), notes: [] };
  const scoped = repositoryOnly(octokit, t.repo);
  const loaded = await read(scoped.octokit, t.repo, t.headSha);
  return { loaded, notes: scoped.ignoredExtends() ? [FORK_EXTENDS_NOTE] : [] };
}

const FORK_BOARD_NOTE =
  "This pull request comes from a fork, so no board was read and its cards are not previewed: a fork's preview reads nothing outside this repository. Once merged, the boards are synced as usual.";

const FORK_EXTENDS_NOTE =
  "This pull request comes from a fork, so `_extends` was ignored in its `.github/plansync.yml`: a fork's preview reads nothing outside this repository. Once merged, `_extends` is followed as usual.";

function invalidConfigReport(errors: string[], notes: readonly string[]): CheckReport {
  return {
    conclusion: "failure",
    title: "Invalid .github/plansync.yml: merging this would stop plansync",
    summary: [
      `The config at this pull request's head is invalid, so plansync could not preview it, and would sync nothing after the merge. Fix these:\n\n${errors.map((e) => `- ${e}`).join("\n")}`,
      ...notes,
    ].join("\n\n"),
    text: "",
    annotations: [],
  };
}
