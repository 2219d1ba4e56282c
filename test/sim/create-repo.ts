import { GitStore } from "./git-objects.js";
import type { RepoState } from "./records.js";
import { applyFileChanges, branchRef, defaultAuthor } from "./repo-git.js";
import type { SimState } from "./sim-state.js";

export interface AddRepoOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** Initial content of the default branch, path -> text. */
  files?: Record<string, string>;
  installationId?: number;
  private?: boolean;
  ownerType?: "User" | "Organization";
}

/** A repository with one root commit on its default branch; its owner is the only collaborator. */
export function createRepo(state: SimState, options: AddRepoOptions): RepoState {
  const defaultBranch = options.defaultBranch ?? "main";
  const repo: RepoState = {
    id: state.nextId(),
    owner: state.user(options.owner, options.ownerType ?? "User"),
    name: options.repo,
    private: options.private ?? false,
    defaultBranch,
    installationId: options.installationId ?? 1,
    git: new GitStore(),
    refs: new Map(),
    protectedBranches: new Set(),
    collaborators: new Set([options.owner.toLowerCase()]),
    issues: new Map(),
    nextIssueNumber: 1,
    labels: [],
    milestones: new Map(),
    nextMilestoneNumber: 1,
    comments: [],
    checkRuns: [],
    treeListingLimit: 100_000,
  };
  const tree = applyFileChanges(repo, null, options.files ?? {});
  const author = defaultAuthor(state);
  const root = repo.git.putCommit({ tree, parents: [], message: "Initial commit", author, committer: author });
  repo.refs.set(branchRef(defaultBranch), root);
  return repo;
}
