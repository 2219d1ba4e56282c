import { isAncestor } from "./git-files.js";
import { refJson } from "./present-git.js";
import { ghError, json, notFound } from "./responses.js";
import { bodyAs, type RepoHandler, type RepoRouteContext } from "./route-context.js";
import { RULE_VIOLATION } from "./rules.js";

/** Git references: `GET /git/ref/{ref}`, `PATCH /git/refs/{ref}`, `POST /git/refs`. */

/** `{ref}` in these paths omits the `refs/` prefix (`heads/main`); tolerate clients that include it. */
const fullRef = (ref: string) => (ref.startsWith("refs/") ? ref : `refs/${ref}`);

export const getRef: RepoHandler = (ctx) => {
  const ref = fullRef(ctx.params.ref ?? "");
  const sha = ctx.repo.refs.get(ref);
  return sha ? json(200, refJson(ctx.repo, ctx.urls, ref, sha)) : notFound(ctx.docs);
};

export const updateRef: RepoHandler = (ctx) => {
  const { sha, force = false } = bodyAs<{ sha: string; force?: boolean }>(ctx);
  const ref = fullRef(ctx.params.ref ?? "");
  const current = ctx.repo.refs.get(ref);
  if (!current) return ghError(422, "Reference does not exist", ctx.docs);
  const target = sha.toLowerCase();
  if (!ctx.repo.git.commit(target)) return ghError(422, "Object does not exist", ctx.docs);
  if (isProtected(ctx, ref)) return ghError(422, RULE_VIOLATION, ctx.docs);
  if (!force && !isAncestor(ctx.repo.git, current, target))
    return ghError(422, "Update is not a fast forward", ctx.docs);
  ctx.repo.refs.set(ref, target);
  return json(200, refJson(ctx.repo, ctx.urls, ref, target));
};

export const createRef: RepoHandler = (ctx) => {
  const { ref, sha } = bodyAs<{ ref: string; sha: string }>(ctx);
  // GitHub requires a fully qualified name with at least two slashes (refs/heads/x).
  if (!/^refs\/[^/]+\/.+/.test(ref))
    return ghError(
      422,
      `Reference name "${ref}" is invalid: it must start with 'refs/' and have at least two slashes`,
      ctx.docs,
    );
  if (ctx.repo.refs.has(ref)) return ghError(422, "Reference already exists", ctx.docs);
  const target = sha.toLowerCase();
  if (!ctx.repo.git.commit(target)) return ghError(422, "Object does not exist", ctx.docs);
  ctx.repo.refs.set(ref, target);
  return json(201, refJson(ctx.repo, ctx.urls, ref, target));
};

function isProtected(ctx: RepoRouteContext, ref: string): boolean {
  return ref.startsWith("refs/heads/") && ctx.repo.protectedBranches.has(ref.slice("refs/heads/".length));
}
