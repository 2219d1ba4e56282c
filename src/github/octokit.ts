import type { Octokit as RestOctokit } from "@octokit/rest";
import type { ProbotOctokit } from "probot";

/**
 * The client every adapter takes: `@octokit/rest`'s shape (REST methods under `.rest`, plus
 * `paginate`, `request` and `hook`) plus Probot's `_extends`-aware config loader. The app hands in
 * Probot's installation client, the CLI and the Action a token client (token-octokit.ts) built
 * with the same plugins and the same write policy.
 */
export type Octokit = Pick<RestOctokit, "rest" | "paginate" | "request" | "hook" | "log"> &
  Pick<ProbotClient, "config">;

type ProbotClient = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** True for GitHub's 404, which several reads treat as "absent" rather than a failure. */
export function isNotFound(error: unknown): boolean {
  return (error as { status?: number }).status === 404;
}
