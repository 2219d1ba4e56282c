import { flattenTree } from "./git-files.js";
import { userJson } from "./present-user.js";
import { fullName } from "./records.js";
import { commitTreeSha, resolveCommitish } from "./repo-git.js";
import { ghError, json, notFound } from "./responses.js";
import type { Handler, RepoHandler } from "./route-context.js";
import { diffTrees, mergeBase } from "./routes-pull-files.js";

/** GitHub lists at most this many commits in a comparison, and 300 files. */
const MAX_COMMITS = 250;
const MAX_FILES = 300;

/**
 * `GET /compare/{base}...{head}`: the commits on head since the merge base (oldest first) and the
 * files that differ between the merge base and head, as GitHub answers it.
 */
export const compareCommits: RepoHandler = (ctx) => {
  const [baseRef, headRef] = (ctx.params.basehead ?? "").split("...");
  if (!baseRef || !headRef) return ghError(404, "Not Found");
  const base = resolveCommitish(ctx.repo, baseRef);
  const head = resolveCommitish(ctx.repo, headRef);
  if (!base || !head) return notFound(ctx.docs);
  const since = mergeBase(ctx.repo.git, base, head) ?? base;
  const commits: string[] = [];
  for (let sha: string | undefined = head; sha && sha !== since; sha = ctx.repo.git.commit(sha)?.parents[0])
    commits.unshift(sha);
  const files = diffTrees(
    flattenTree(ctx.repo.git, commitTreeSha(ctx.repo, since)),
    flattenTree(ctx.repo.git, commitTreeSha(ctx.repo, head)),
  );
  const commitJson = (sha: string) => ({
    sha,
    url: `${ctx.urls.api}/repos/${fullName(ctx.repo)}/commits/${sha}`,
    commit: { message: ctx.repo.git.commit(sha)?.message ?? "" },
    parents: (ctx.repo.git.commit(sha)?.parents ?? []).map((p) => ({ sha: p })),
  });
  return json(200, {
    status: since === head ? "identical" : since === base ? "ahead" : "diverged",
    ahead_by: commits.length,
    behind_by: 0,
    total_commits: commits.length,
    base_commit: commitJson(base),
    merge_base_commit: commitJson(since),
    commits: commits.slice(-MAX_COMMITS).map(commitJson),
    files: files.slice(0, MAX_FILES),
  });
};

/** `GET /user`: a token's own user; an installation or Actions token is refused, as on GitHub. */
export const getAuthenticatedUser: Handler = (ctx) => {
  if (ctx.state.actor.type === "Bot") return ghError(403, "Resource not accessible by integration");
  return json(200, userJson(ctx.state.actor, ctx.urls));
};
