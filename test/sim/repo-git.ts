import { buildTree, findEntry, flattenTree, type FlatTree } from "./git-files.js";
import type { GitPerson } from "./git-objects.js";
import type { RepoState } from "./records.js";
import type { SimState } from "./sim-state.js";

/** Branch-level git operations shared by the REST handlers and the test helpers. */

export const branchRef = (branch: string) => `refs/heads/${branch}`;

export function branchSha(repo: RepoState, branch: string): string | undefined {
  return repo.refs.get(branchRef(branch));
}

/** Resolves what GitHub accepts as `ref`: a commit sha, `refs/heads/x`, `heads/x` or a branch name. */
export function resolveCommitish(repo: RepoState, ref: string): string | undefined {
  if (/^[0-9a-f]{40}$/i.test(ref) && repo.git.commit(ref)) return ref.toLowerCase();
  const name = ref.replace(/^refs\//, "").replace(/^heads\//, "");
  return branchSha(repo, name);
}

export function commitTreeSha(repo: RepoState, commitSha: string): string {
  const commit = repo.git.commit(commitSha);
  if (!commit) throw new Error(`commit ${commitSha} does not exist`);
  return commit.tree;
}

export function readFileAt(repo: RepoState, commitSha: string, path: string): Buffer | undefined {
  const entry = findEntry(repo.git, commitTreeSha(repo, commitSha), path);
  return entry?.type === "blob" ? repo.git.blob(entry.sha)?.content : undefined;
}

/** Applies text changes (null deletes) on top of a tree and returns the new root tree sha. */
export function applyFileChanges(
  repo: RepoState,
  baseTree: string | null,
  changes: Record<string, string | Buffer | null>,
): string {
  const flat: FlatTree = baseTree ? flattenTree(repo.git, baseTree) : new Map();
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) flat.delete(path);
    else flat.set(path, { mode: "100644", type: "blob", sha: repo.git.putBlob(Buffer.from(content)) });
  }
  return buildTree(repo.git, flat);
}

export function defaultAuthor(state: SimState): GitPerson {
  const { login, id } = state.actor;
  return { name: login, email: `${id}+${login}@users.noreply.github.com`, date: state.timestamp() };
}

/** Commits `changes` onto `branch` (created from the default branch if missing) and moves the ref. */
export function commitToBranch(
  state: SimState,
  repo: RepoState,
  branch: string,
  changes: Record<string, string | Buffer | null>,
  message: string,
  author: GitPerson = defaultAuthor(state),
): { sha: string; before: string } {
  const before = branchSha(repo, branch) ?? branchSha(repo, repo.defaultBranch);
  if (!before) throw new Error(`GitHubSim: ${repo.name} has no branch ${branch} nor default branch to start it from`);
  const tree = applyFileChanges(repo, commitTreeSha(repo, before), changes);
  const sha = repo.git.putCommit({ tree, parents: [before], message, author, committer: author });
  repo.refs.set(branchRef(branch), sha);
  return { sha, before };
}
