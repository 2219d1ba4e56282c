import { paginate } from "./pagination.js";
import { issueJson } from "./present-issue.js";
import { ghError, json, notFound } from "./responses.js";
import { bodyAs, type RepoHandler } from "./route-context.js";
import { issueById, issueByNumber } from "./routes-sub-issues.js";

/** Issue dependencies ("blocked by"), kept on the blocked issue by the blocker's id; 50 at most. */

export const MAX_BLOCKED_BY = 50;

export const listBlockedBy: RepoHandler = (ctx) => {
  const issue = issueByNumber(ctx);
  if (!issue) return notFound(ctx.docs);
  const blockers = (issue.blockedByIds ?? []).flatMap((id) => issueById(ctx.repo, id) ?? []);
  const page = paginate(ctx, blockers);
  return json(
    200,
    page.items.map((i) => issueJson(ctx.repo, ctx.urls, i)),
    page.headers,
  );
};

export const addBlockedBy: RepoHandler = (ctx) => {
  const issue = issueByNumber(ctx);
  const blocker = issueById(ctx.repo, bodyAs<{ issue_id: number }>(ctx).issue_id);
  if (!issue || !blocker) return notFound(ctx.docs);
  const ids = (issue.blockedByIds ??= []);
  if (blocker.id === issue.id) return ghError(422, "An issue cannot be blocked by itself", ctx.docs);
  if (ids.includes(blocker.id)) return ghError(422, "This dependency already exists", ctx.docs);
  if (ids.length >= MAX_BLOCKED_BY)
    return ghError(422, `An issue cannot be blocked by more than ${MAX_BLOCKED_BY} issues`, ctx.docs);
  ids.push(blocker.id);
  return json(201, issueJson(ctx.repo, ctx.urls, blocker));
};

export const removeBlockedBy: RepoHandler = (ctx) => {
  const issue = issueByNumber(ctx);
  const blockerId = Number(ctx.params.issue_id);
  const blocker = issueById(ctx.repo, blockerId);
  if (!issue || !blocker || !(issue.blockedByIds ?? []).includes(blockerId)) return notFound(ctx.docs);
  issue.blockedByIds = issue.blockedByIds!.filter((id) => id !== blockerId);
  return json(200, issueJson(ctx.repo, ctx.urls, blocker));
};
