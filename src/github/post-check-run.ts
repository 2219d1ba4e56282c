import type { CheckReport } from "../sync/check-report.js";
import type { Octokit, RepoRef } from "./octokit.js";

export const CHECK_NAME = "plansync";
/** GitHub takes at most 50 annotations per request; more go in follow-up updates. */
const ANNOTATIONS_PER_REQUEST = 50;

/** Posts a completed `plansync` check run on the commit. */
export async function postCheckRun(octokit: Octokit, repo: RepoRef, sha: string, report: CheckReport): Promise<void> {
  const batches = chunk(report.annotations, ANNOTATIONS_PER_REQUEST);
  const output = (index: number) => ({
    title: report.title,
    summary: report.summary,
    text: report.text.slice(0, 65_000),
    annotations: batches[index] ?? [],
  });
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: sha,
    status: "completed",
    conclusion: report.conclusion,
    output: output(0),
  });
  for (let i = 1; i < batches.length; i++) {
    await octokit.rest.checks.update({ ...repo, check_run_id: data.id, output: output(i) });
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** True when plansync already reported on this commit: a redelivered push then adds no second check run. */
export async function hasCheckRun(octokit: Octokit, repo: RepoRef, sha: string): Promise<boolean> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: CHECK_NAME, per_page: 1 });
  return data.total_count > 0;
}
