import type { IssueRecord, RepoState } from "./records.js";
import { applyFileChanges, branchSha, commitTreeSha, commitToBranch, defaultAuthor } from "./repo-git.js";
import { pullHeadSha } from "./routes-pull-files.js";
import type { SimState } from "./sim-state.js";

export interface OpenPullOptions {
  base?: string;
  branch: string;
  changes: Record<string, string | null>;
  /** The fork's owner: the head commit is then kept only as `refs/pull/{n}/head` here. */
  fork?: string;
  /** An open pull request to push another commit to. */
  number?: number;
}

/** A person opening a pull request (or pushing to one): the commit, the ref and the record. */
export function openPullRequest(state: SimState, repo: RepoState, options: OpenPullOptions) {
  const base = options.base ?? repo.defaultBranch;
  const baseSha = branchSha(repo, base);
  if (!baseSha) throw new Error(`GitHubSim: no base branch ${base}`);
  const existing = options.number === undefined ? undefined : repo.issues.get(options.number);
  const number = existing?.number ?? repo.nextIssueNumber++;
  const headSha = options.fork
    ? commitFork(state, repo, existing?.pull ? pullHeadSha(repo, number, existing.pull)! : baseSha, options.changes)
    : commitToBranch(state, repo, options.branch, options.changes, "Update the plan").sha;
  if (options.fork) repo.refs.set(`refs/pull/${number}/head`, headSha);
  if (!existing) repo.issues.set(number, pullRecord(state, repo.owner.login, number, base, options));
  return { number, headSha, baseSha };
}

function commitFork(state: SimState, repo: RepoState, parent: string, changes: Record<string, string | null>) {
  const tree = applyFileChanges(repo, commitTreeSha(repo, parent), changes);
  const author = defaultAuthor(state);
  return repo.git.putCommit({ tree, parents: [parent], message: "Update the plan", author, committer: author });
}

function pullRecord(
  state: SimState,
  repoOwner: string,
  number: number,
  base: string,
  options: OpenPullOptions,
): IssueRecord {
  const now = state.timestamp();
  return {
    id: state.nextId(),
    pullId: state.nextId(),
    number,
    title: `Update the plan (${options.branch})`,
    body: null,
    state: "open",
    stateReason: null,
    labelIds: [],
    milestoneNumber: null,
    assignees: [],
    user: state.actor,
    comments: 0,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: { head: options.branch, headOwner: options.fork ?? repoOwner, base, draft: false },
  };
}
