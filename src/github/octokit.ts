import type { ProbotOctokit } from "probot";

/** The installation-authenticated client Probot hands to handlers (REST methods live under `.rest`). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** True for GitHub's 404, which several reads treat as "absent" rather than a failure. */
export function isNotFound(error: unknown): boolean {
  return (error as { status?: number }).status === 404;
}
