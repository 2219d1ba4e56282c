import { withNextTry, type CheckReport, type NextTry } from "../sync/check-report.js";
import type { Octokit, RepoRef } from "./octokit.js";
import type { SyncEta } from "../sync/sync-eta.js";
import {
  fittedOutput,
  hasCheckRun,
  postCheckRun,
  PREVIEW_CHECK_NAME,
  startCheckRun,
  startedOutput,
} from "./post-check-run.js";
import type { Reporter } from "./reporter.js";

/**
 * The app's reporter: check runs on the commit. Each kind of report is posted only when it tells
 * something new, so a redelivered or repeated event writes nothing. Given the job's `next` try, a
 * sync that stopped part-way says when it is tried again, and a retry leaves no commit without
 * a check run.
 */
export function checkRunReporter(octokit: Octokit, repo: RepoRef, { next }: { next?: NextTry } = {}): Reporter {
  const started = new Map<string, number>();
  const estimates = new Map<string, { operations: number; estimate?: SyncEta }>();
  return {
    async started(sha, operations, estimate) {
      started.set(sha, await startCheckRun(octokit, repo, sha, operations, estimate));
      estimates.set(sha, { operations, estimate });
    },
    async progressed(sha, line) {
      const runId = started.get(sha);
      const begun = estimates.get(sha);
      if (runId === undefined || !begun) return;
      const output = startedOutput(begun.operations, begun.estimate, line);
      await octokit.rest.checks.update({ ...repo, check_run_id: runId, output });
    },
    async synced(sha, report, { changed, problems }) {
      const runId = started.get(sha);
      started.delete(sha);
      estimates.delete(sha);
      // A sync that changed nothing reports only problems, and only once per commit. A retry
      // reports in any case when the commit has no check run yet: the attempt before it may have
      // applied everything and then failed to post its report (sync-repo.ts `reportError`), and
      // so does a run resumed after its process died between its last write and its report.
      const owed = problems > 0 || (next?.attempt ?? 1) > 1 || next?.resumed === true;
      if (runId === undefined && !changed && (!owed || (await hasCheckRun(octokit, repo, sha)))) return;
      await postCheckRun(octokit, repo, sha, next ? withNextTry(report, next) : report, { runId });
    },
    async previewed(sha, report) {
      if (await samePreview(octokit, repo, sha, report)) return false;
      await postCheckRun(octokit, repo, sha, report, { name: PREVIEW_CHECK_NAME });
      return true;
    },
    notice: (sha, report) => postCheckRun(octokit, repo, sha, report),
  };
}

/**
 * True when the latest preview on this head says the same: a changed answer (issues edited
 * meanwhile) shows anew, a repeated event does not.
 */
async function samePreview(octokit: Octokit, repo: RepoRef, sha: string, report: CheckReport): Promise<boolean> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: sha,
    check_name: PREVIEW_CHECK_NAME,
    per_page: 1,
  });
  const latest = data.check_runs[0];
  const wanted = fittedOutput(report);
  return (
    latest !== undefined &&
    latest.conclusion === report.conclusion &&
    latest.output.title === wanted.title &&
    latest.output.summary === wanted.summary &&
    (latest.output.text ?? "") === wanted.text &&
    latest.output.annotations_count === report.annotations.length
  );
}
