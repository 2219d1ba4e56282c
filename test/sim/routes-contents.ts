import { findEntry, listTree } from "./git-files.js";
import type { GitPerson } from "./git-objects.js";
import { contentEntryJson, fileContentJson } from "./present-contents.js";
import { gitCommitJson } from "./present-git.js";
import { branchSha, commitToBranch, commitTreeSha, defaultAuthor, resolveCommitish } from "./repo-git.js";
import { ghError, json, notFound, text } from "./responses.js";
import { bodyAs, type RepoHandler, type RepoRouteContext } from "./route-context.js";
import { RULE_VIOLATION } from "./rules.js";

/** `GET/PUT /repos/{owner}/{repo}/contents/{path}`. */

interface PutContentsBody {
  message: string;
  content: string;
  sha?: string;
  branch?: string;
  author?: { name: string; email: string; date?: string };
  committer?: { name: string; email: string; date?: string };
}

export const getContent: RepoHandler = (ctx) => {
  const ref = ctx.query.get("ref") ?? ctx.repo.defaultBranch;
  const commit = resolveCommitish(ctx.repo, ref);
  if (!commit) return ghError(404, `No commit found for the ref ${ref}`, ctx.docs);
  const path = trimSlashes(ctx.params.path ?? "");
  const tree = commitTreeSha(ctx.repo, commit);
  const entry = findEntry(ctx.repo.git, tree, path);
  if (!entry || path === "") return notFound(ctx.docs);
  if (entry.type === "tree") return json(200, listDirectory(ctx, ref, path, entry.sha));
  const content = ctx.repo.git.blob(entry.sha)?.content;
  if (!content) return notFound(ctx.docs);
  if (wantsRaw(ctx)) return text(200, content.toString("utf8"), "text/plain; charset=utf-8");
  return json(200, fileContentJson(ctx.repo, ctx.urls, ref, path, entry.sha, content));
};

export const putContent: RepoHandler = (ctx) => {
  const body = bodyAs<PutContentsBody>(ctx);
  const path = trimSlashes(ctx.params.path ?? "");
  const branch = body.branch ?? ctx.repo.defaultBranch;
  const head = branchSha(ctx.repo, branch);
  if (!head) return ghError(404, `Branch ${branch} not found`, ctx.docs);
  if (ctx.repo.protectedBranches.has(branch)) return ghError(409, RULE_VIOLATION, ctx.docs);
  if (!/^[A-Za-z0-9+/=\r\n]*$/.test(body.content)) return ghError(422, "content is not valid Base64", ctx.docs);
  const existing = findEntry(ctx.repo.git, commitTreeSha(ctx.repo, head), path);
  if (existing?.type === "tree") return ghError(422, `${path} is a directory`, ctx.docs);
  if (existing && body.sha === undefined) return ghError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', ctx.docs);
  if (existing && body.sha !== existing.sha) return ghError(409, `${path} does not match ${body.sha}`, ctx.docs);
  const content = Buffer.from(body.content, "base64");
  const author = person(ctx, body.author ?? body.committer);
  const { sha } = commitToBranch(ctx.state, ctx.repo, branch, { [path]: content }, body.message, author);
  const commit = ctx.repo.git.commit(sha)!;
  const blobSha = findEntry(ctx.repo.git, commit.tree, path)!.sha;
  const {
    content: _c,
    encoding: _e,
    ...fileJson
  } = fileContentJson(ctx.repo, ctx.urls, branch, path, blobSha, content);
  return json(existing ? 200 : 201, { content: fileJson, commit: gitCommitJson(ctx.repo, ctx.urls, sha, commit) });
};

function listDirectory(ctx: RepoRouteContext, ref: string, path: string, treeSha: string) {
  return listTree(ctx.repo.git, treeSha, false, `${path}/`).map((entry) =>
    contentEntryJson(ctx.repo, ctx.urls, ref, { ...entry, size: ctx.repo.git.blob(entry.sha)?.content.length ?? 0 }),
  );
}

/** Octokit's `mediaType: {format: "raw"}` sends `application/vnd.github.v3.raw`; newer clients omit `v3`. */
function wantsRaw(ctx: RepoRouteContext): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(ctx.headers.accept ?? "");
}

function person(ctx: RepoRouteContext, given: PutContentsBody["author"]): GitPerson {
  return given
    ? { name: given.name, email: given.email, date: given.date ?? ctx.state.timestamp() }
    : defaultAuthor(ctx.state);
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}
