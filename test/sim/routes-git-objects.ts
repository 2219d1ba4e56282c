import { listTree } from "./git-files.js";
import type { GitPerson } from "./git-objects.js";
import { blobJson, gitCommitJson, treeJson } from "./present-git.js";
import { defaultAuthor, resolveCommitish } from "./repo-git.js";
import { ghError, json, notFound } from "./responses.js";
import { bodyAs, repoApiUrl, type RepoHandler, type RepoRouteContext } from "./route-context.js";
import { applyTreeEdits, type TreeEditEntry } from "./tree-edits.js";

/** Git data API: blobs, trees and commits (`/git/blobs`, `/git/trees`, `/git/commits`). */

interface PersonInput {
  name: string;
  email: string;
  date?: string;
}

export const getBlob: RepoHandler = (ctx) => {
  const sha = ctx.params.file_sha ?? "";
  const blob = ctx.repo.git.blob(sha);
  return blob ? json(200, blobJson(ctx.repo, ctx.urls, sha.toLowerCase(), blob.content)) : notFound(ctx.docs);
};

export const createBlob: RepoHandler = (ctx) => {
  const { content, encoding = "utf-8" } = bodyAs<{ content: string; encoding?: string }>(ctx);
  if (encoding !== "utf-8" && encoding !== "utf8" && encoding !== "base64")
    return ghError(422, `encoding must be "utf-8" or "base64"`, ctx.docs);
  const sha = ctx.repo.git.putBlob(Buffer.from(content, encoding === "base64" ? "base64" : "utf8"));
  return json(201, { sha, url: `${repoApiUrl(ctx.urls, ctx.repo)}/git/blobs/${sha}` });
};

/** `tree_sha` may name a tree, a commit (its tree is used) or a branch, as on GitHub. */
export const getTree: RepoHandler = (ctx) => {
  const treeSha = resolveTree(ctx, ctx.params.tree_sha ?? "");
  if (!treeSha) return notFound(ctx.docs);
  const recursive = ctx.query.has("recursive"); // any value enables it, even "0" or "false"
  const entries = listTree(ctx.repo.git, treeSha, recursive);
  const truncated = recursive && entries.length > ctx.repo.treeListingLimit;
  const listed = truncated ? entries.slice(0, ctx.repo.treeListingLimit) : entries;
  return json(200, { ...treeJson(ctx.repo, ctx.urls, treeSha, listed), truncated });
};

export const createTree: RepoHandler = (ctx) => {
  const body = bodyAs<{ tree: TreeEditEntry[]; base_tree?: string }>(ctx);
  if (body.base_tree !== undefined && !ctx.repo.git.tree(body.base_tree))
    return ghError(422, "Invalid tree info: base_tree is not a tree", ctx.docs);
  const result = applyTreeEdits(ctx.repo.git, body.base_tree?.toLowerCase(), body.tree);
  if ("error" in result) return ghError(422, result.error, ctx.docs);
  return json(201, treeJson(ctx.repo, ctx.urls, result.sha, listTree(ctx.repo.git, result.sha, false)));
};

export const getCommit: RepoHandler = (ctx) => {
  const sha = (ctx.params.commit_sha ?? "").toLowerCase();
  const commit = ctx.repo.git.commit(sha);
  return commit ? json(200, gitCommitJson(ctx.repo, ctx.urls, sha, commit)) : notFound(ctx.docs);
};

export const createCommit: RepoHandler = (ctx) => {
  const body = bodyAs<{
    message: string;
    tree: string;
    parents?: string[];
    author?: PersonInput;
    committer?: PersonInput;
  }>(ctx);
  if (!ctx.repo.git.tree(body.tree)) return ghError(422, "Tree SHA does not exist", ctx.docs);
  const parents = (body.parents ?? []).map((parent) => parent.toLowerCase());
  if (parents.some((parent) => !ctx.repo.git.commit(parent)))
    return ghError(422, "Parent SHA does not exist or is not a commit object", ctx.docs);
  const author = person(ctx, body.author ?? body.committer);
  const committer = person(ctx, body.committer ?? body.author);
  const sha = ctx.repo.git.putCommit({
    tree: body.tree.toLowerCase(),
    parents,
    message: body.message,
    author,
    committer,
  });
  return json(201, gitCommitJson(ctx.repo, ctx.urls, sha, ctx.repo.git.commit(sha)!));
};

function resolveTree(ctx: RepoRouteContext, ref: string): string | undefined {
  if (ctx.repo.git.tree(ref)) return ref.toLowerCase();
  const commit = resolveCommitish(ctx.repo, ref);
  return commit ? ctx.repo.git.commit(commit)?.tree : undefined;
}

function person(ctx: RepoRouteContext, given: PersonInput | undefined): GitPerson {
  return given
    ? { name: given.name, email: given.email, date: given.date ?? ctx.state.timestamp() }
    : defaultAuthor(ctx.state);
}
