import type { Logger } from "probot";
import { checkReport, type CheckReport } from "../sync/check-report.js";
import { createPathMatcher, touchedPlanPaths, type PushCommit } from "../sync/plan-paths.js";
import type { BlobCache } from "./blob-cache.js";
import { decideSync, fileDiagnostics } from "./decide-sync.js";
import { CONFIG_PATH, loadConfig } from "./load-config.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { fittedOutput, postCheckRun, PREVIEW_CHECK_NAME } from "./post-check-run.js";
import type { SyncTarget } from "./sync-repo.js";

export interface PreviewTarget {
  repo: RepoRef;
  number: number;
  headSha: string;
  baseRef: string;
  defaultBranch: string;
  htmlUrl: string;
  creator: string | null;
  cache?: BlobCache;
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * The `plansync preview` check run on a pull request's head: what merging it would do to the
 * issues, decided by the same core as a sync from the head's docs and config and GitHub's
 * issues as they are. It writes nothing else. A pull request touching no markdown and not the
 * config costs its file list alone. Returns whether a check run was posted.
 */
export async function previewPullRequest(octokit: Octokit, t: PreviewTarget, log: Logger): Promise<boolean> {
  const changed = await changedFiles(octokit, t.repo, t.number);
  const configChanged = changed.some((c) => touches(c, (p) => p === CONFIG_PATH));
  if (!configChanged && !changed.some((c) => touches(c, (p) => MARKDOWN.test(p)))) return false;
  const loaded = await loadConfig(octokit, t.repo, t.headSha);
  if (!loaded.ok) {
    if (t.baseRef !== t.defaultBranch) return false;
    return postPreview(octokit, t, invalidConfigReport(loaded.errors));
  }
  const config = loaded.config;
  if (t.baseRef !== (config.branch ?? t.defaultBranch)) return false;
  const paths = configChanged ? ("all" as const) : touchedPlanPaths(changed, createPathMatcher(config.paths));
  if (paths !== "all" && paths.present.length + paths.removed.length === 0) return false;
  const target: SyncTarget = {
    repo: t.repo,
    sha: t.headSha,
    htmlUrl: t.htmlUrl,
    creator: t.creator,
    paths,
    cache: t.cache,
  };
  const { docs, result } = await decideSync(octokit, target, config, log, { assignIds: false });
  const report = checkReport({
    htmlUrl: t.htmlUrl,
    done: [],
    pending: result.operations,
    dryRun: true,
    preview: { base: t.baseRef },
    files: fileDiagnostics(docs, result.diagnostics),
    notes: [],
    progress: result.progress,
    held: { issues: result.heldRemovals, sha: t.headSha, limit: config.removal.limit },
  });
  log.info({ pull: t.number, operations: result.operations.length }, "Previewed a pull request");
  return postPreview(octokit, t, report);
}

/** The pull request's files as one commit's lists: a rename is its old path removed and its new one added. */
async function changedFiles(octokit: Octokit, repo: RepoRef, pull_number: number): Promise<PushCommit[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number, per_page: 100 });
  const commit = { added: [] as string[], modified: [] as string[], removed: [] as string[] };
  for (const file of files) {
    if (file.status === "removed") commit.removed.push(file.filename);
    else commit.modified.push(file.filename);
    if (file.previous_filename) commit.removed.push(file.previous_filename);
  }
  return [commit];
}

function touches(commit: PushCommit, test: (path: string) => boolean): boolean {
  return [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].some(test);
}

/**
 * A new check run only when the preview differs from the last one on this head: a redelivered
 * or repeated event writes nothing, and a changed answer (issues edited meanwhile) shows anew.
 */
async function postPreview(octokit: Octokit, t: PreviewTarget, report: CheckReport): Promise<boolean> {
  const { data } = await octokit.rest.checks.listForRef({
    ...t.repo,
    ref: t.headSha,
    check_name: PREVIEW_CHECK_NAME,
    per_page: 1,
  });
  const latest = data.check_runs[0];
  const wanted = fittedOutput(report);
  const same =
    latest !== undefined &&
    latest.conclusion === report.conclusion &&
    latest.output.title === wanted.title &&
    latest.output.summary === wanted.summary &&
    (latest.output.text ?? "") === wanted.text &&
    latest.output.annotations_count === report.annotations.length;
  if (same) return false;
  await postCheckRun(octokit, t.repo, t.headSha, report, { name: PREVIEW_CHECK_NAME });
  return true;
}

function invalidConfigReport(errors: string[]): CheckReport {
  return {
    conclusion: "failure",
    title: "Invalid .github/plansync.yml: merging this would stop plansync",
    summary: `The config at this pull request's head is invalid, so plansync could not preview it, and would sync nothing after the merge. Fix these:\n\n${errors.map((e) => `- ${e}`).join("\n")}`,
    text: "",
    annotations: [],
  };
}
