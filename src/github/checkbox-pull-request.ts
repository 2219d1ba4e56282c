import { createHash } from "node:crypto";
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

/** An open pull request from a proposal's branch. */
export interface OpenProposal {
  number: number;
  url: string;
}

/**
 * For a protected branch: one branch, `plansync/checkboxes`, rebuilt on top of the protected
 * branch with every pending checkbox change, and one pull request from it. Later changes
 * force-update the same branch, so the same pull request picks them up; a second is never opened.
 * When the open pull request already carries exactly these changes, nothing is written
 * (`unchanged`): the drift sweep queues the same write-back on every push until it is merged.
 */
export async function proposeCheckboxes(
  octokit: Octokit,
  repo: RepoRef,
  base: { branch: string; sha: string },
  changes: readonly FileChange[],
  message: string,
  proposal: Proposal = CHECKBOX_PROPOSAL,
): Promise<OpenProposal & { created: boolean; unchanged: boolean }> {
  const open = await openProposal(octokit, repo, base.branch, proposal);
  if (open && (await carries(octokit, repo, base.sha, proposal.branch, changes)))
    return { ...open, created: false, unchanged: true };
  // Built on the exact commit the changes were computed from, never on a newer head.
  const commit = await createCommitOn(octokit, repo, base.sha, changes, message);
  await pointBranch(octokit, repo, proposal.branch, commit);
  if (open) return { ...open, created: false, unchanged: false };
  const { data: pull } = await octokit.rest.pulls.create({
    ...repo,
    head: proposal.branch,
    base: base.branch,
    title: proposal.title,
    body: `${proposal.intro(base.branch)}\n\n${message}`,
  });
  return { number: pull.number, url: pull.html_url, created: true, unchanged: false };
}

/** The open pull request from the proposal's branch into `base`, if there is one. */
export async function openProposal(
  octokit: Octokit,
  repo: RepoRef,
  base: string,
  proposal: Proposal = CHECKBOX_PROPOSAL,
): Promise<OpenProposal | null> {
  const { data: open } = await octokit.rest.pulls.list({
    ...repo,
    state: "open",
    head: `${repo.owner}:${proposal.branch}`,
    base,
    per_page: 1,
  });
  return open[0] ? { number: open[0].number, url: open[0].html_url } : null;
}

/**
 * True when the branch changes exactly these files to exactly these texts since it left `base`:
 * one compare, whose files carry their blob shas, and git's blob sha of each text to match.
 */
async function carries(
  octokit: Octokit,
  repo: RepoRef,
  base: string,
  branch: string,
  changes: readonly FileChange[],
): Promise<boolean> {
  let files: { filename: string; sha: string | null; status: string }[];
  try {
    files =
      (await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${branch}` })).data.files ??
      [];
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
  const wanted = new Map(changes.map((c) => [c.path, blobSha(c.text)]));
  return files.length === wanted.size && files.every((f) => f.status !== "removed" && wanted.get(f.filename) === f.sha);
}

/** Git's id of a blob with this text: what GitHub reports as a file's `sha`. */
function blobSha(text: string): string {
  const content = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
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
