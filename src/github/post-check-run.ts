import type { CheckReport } from "../sync/check-report.js";
import { fitText, GITHUB_LIMITS } from "../sync/github-limits.js";
import type { SyncEta } from "../sync/sync-eta.js";
import type { PlansyncConfig } from "../config/config-schema.js";
import { readHeldNote } from "../sync/held-removals.js";
import type { Identity } from "../sync/issue-ownership.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";
import { statusOf } from "./write-policy.js";

export const CHECK_NAME = "plansync";
/** The check run a pull request gets: what merging it would do. */
export const PREVIEW_CHECK_NAME = "plansync preview";
/** GitHub takes at most 50 annotations per request; more go in follow-up updates. */
const ANNOTATIONS_PER_REQUEST = 50;

/**
 * Posts the completed `plansync` check run on the commit, or completes the one a long sync
 * started (`runId`), sending annotations 50 at a time.
 */
export async function postCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  report: CheckReport,
  { runId, name = CHECK_NAME }: { runId?: number; name?: string } = {},
): Promise<void> {
  const batches = chunk(report.annotations, ANNOTATIONS_PER_REQUEST);
  const output = (index: number) => ({
    ...fittedOutput(report),
    annotations: (batches[index] ?? []).map((a) => ({
      ...a,
      title: fitText(a.title, GITHUB_LIMITS.annotationTitle),
      message: fitText(a.message, GITHUB_LIMITS.annotationMessage),
    })),
  });
  const completed = { status: "completed" as const, conclusion: report.conclusion, output: output(0) };
  const id =
    runId === undefined
      ? (await octokit.rest.checks.create({ ...repo, name, head_sha: sha, ...completed })).data.id
      : (await octokit.rest.checks.update({ ...repo, check_run_id: runId, ...completed })).data.id;
  for (let i = 1; i < batches.length; i++) {
    await octokit.rest.checks.update({ ...repo, check_run_id: id, output: output(i) });
  }
}

/** The title, summary and text as GitHub keeps them: cut to its size limit. */
export function fittedOutput(report: CheckReport): { title: string; summary: string; text: string } {
  return {
    title: report.title,
    summary: fitText(report.summary, GITHUB_LIMITS.checkRunText),
    text: fitText(report.text, GITHUB_LIMITS.checkRunText),
  };
}

/**
 * Opens an in-progress check run before a long sync: with GitHub's limits a first sync of a
 * hundred tasks takes minutes, and the commit should say that plansync is on it.
 */
export async function startCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  operations: number,
  estimate?: SyncEta,
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: sha,
    status: "in_progress",
    output: startedOutput(operations, estimate),
  });
  return data.id;
}

/**
 * The in-progress check run's words. A sync longer than GitHub's hourly limit allows says so at
 * once, with how long it will take and how far it has come (sync-eta.ts).
 */
export function startedOutput(operations: number, estimate?: SyncEta, line?: string) {
  const applying = `plansync is applying ${operations} changes one at a time, within GitHub's rate limits. This check completes when it is done.`;
  if (!estimate?.eta) return { title: `Syncing ${operations} changes`, summary: applying };
  const progress = line ?? estimate.progress;
  return {
    title: `Syncing: ${progress}`,
    summary: `${estimate.eta}.\n\n${progress}. ${applying} It pauses when the hour's budget is spent and resumes by itself.`,
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * The removals that `removal.confirm` confirms: those plansync's own check run at that commit
 * held. One request, made only while the config names a commit.
 */
export async function readConfirmedRemovals(
  octokit: Octokit,
  repo: RepoRef,
  config: PlansyncConfig,
  identity: Identity,
): Promise<Set<number>> {
  const sha = config.removal.confirm;
  if (sha === null) return new Set();
  try {
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: CHECK_NAME, per_page: 100 });
    const own = data.check_runs.filter((run) => madeBy(run.app, identity));
    return new Set(own.flatMap((run) => [...readHeldNote(run.output?.text)]));
  } catch (error) {
    if (isNotFound(error) || statusOf(error) === 422) return new Set();
    throw error;
  }
}

/**
 * Any app with checks:write can name a check run `plansync`, but GitHub records which app made
 * it. It is plansync's when that app's bot is this door's identity (the App's `<slug>[bot]`,
 * `github-actions[bot]` for the Action) or one of the config's `authors`, as for issues.
 */
function madeBy(app: { slug?: string } | null, identity: Identity): boolean {
  return typeof app?.slug === "string" && identity.logins.has(`${app.slug}[bot]`.toLowerCase());
}

/** True when plansync already reported on this commit: a redelivered push then adds no second check run. */
export async function hasCheckRun(octokit: Octokit, repo: RepoRef, sha: string): Promise<boolean> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: CHECK_NAME, per_page: 1 });
  return data.total_count > 0;
}
