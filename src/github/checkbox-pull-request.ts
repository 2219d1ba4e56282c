import { createCommitOn, type FileChange } from "./commit-files.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { NO_RETRY, statusOf } from "./write-policy.js";

export const CHECKBOX_BRANCH = "plansync/checkboxes";

/** What a proposal is about: its branch, and the pull request's title and opening line. */
export interface Proposal {
  branch: string;
  title: string;
  intro: (base: string) => string;
}

export const CHECKBOX_PROPOSAL: Proposal = {
  branch: CHECKBOX_BRANCH,
  title: "plansync: tick checkboxes for closed issues",
  intro: (base) =>
    `\`${base}\` is protected, so plansync collects the checkbox changes for issues closed or reopened on GitHub here. Merge this to bring the docs in line; later changes update this pull request.`,
};

/**
 * For a protected branch: one branch, `plansync/checkboxes`, rebuilt on top of the protected
 * branch with every pending checkbox change, and one pull request from it. Later changes
 * force-update the same branch, so the same pull request picks them up; a second is never opened.
 */
export async function proposeCheckboxes(
  octokit: Octokit,
  repo: RepoRef,
  base: { branch: string; sha: string },
  changes: readonly FileChange[],
  message: string,
  proposal: Proposal = CHECKBOX_PROPOSAL,
): Promise<{ number: number; url: string; created: boolean }> {
  // Built on the exact commit the changes were computed from, never on a newer head.
  const commit = await createCommitOn(octokit, repo, base.sha, changes, message);
  await pointBranch(octokit, repo, proposal.branch, commit);
  const { data: open } = await octokit.rest.pulls.list({
    ...repo,
    state: "open",
    head: `${repo.owner}:${proposal.branch}`,
    base: base.branch,
    per_page: 1,
  });
  if (open[0]) return { number: open[0].number, url: open[0].html_url, created: false };
  const { data: pull } = await octokit.rest.pulls.create({
    ...repo,
    head: proposal.branch,
    base: base.branch,
    title: proposal.title,
    body: `${proposal.intro(base.branch)}\n\n${message}`,
  });
  return { number: pull.number, url: pull.html_url, created: true };
}

async function pointBranch(octokit: Octokit, repo: RepoRef, branch: string, sha: string): Promise<void> {
  try {
    await octokit.rest.git.updateRef({
      ...repo,
      ref: `heads/${branch}`,
      sha,
      force: true,
      ...NO_RETRY,
    });
  } catch (error) {
    if (statusOf(error) !== 422 && statusOf(error) !== 404) throw error;
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
  }
}
