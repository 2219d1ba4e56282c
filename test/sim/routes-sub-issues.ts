import { paginate } from "./pagination.js";
import { issueJson } from "./present-issue.js";
import type { IssueRecord, RepoState } from "./records.js";
import { ghError, json, notFound } from "./responses.js";
import { bodyAs, type RepoHandler, type RepoRouteContext } from "./route-context.js";

/**
 * Sub-issues, as GitHub keeps them: by issue id (not number), one parent each, at most 100
 * children per parent (closed ones included) and 8 levels of nesting.
 */

export const MAX_SUB_ISSUES = 100;
const MAX_DEPTH = 8;

export const listSubIssues: RepoHandler = (ctx) => {
  const parent = issueByNumber(ctx);
  if (!parent) return notFound(ctx.docs);
  const page = paginate(ctx, childrenOf(ctx.repo, parent));
  return json(
    200,
    page.items.map((issue) => issueJson(ctx.repo, ctx.urls, issue)),
    page.headers,
  );
};

export const addSubIssue: RepoHandler = (ctx) => {
  const parent = issueByNumber(ctx);
  const body = bodyAs<{ sub_issue_id: number; replace_parent?: boolean }>(ctx);
  const child = issueById(ctx.repo, body.sub_issue_id);
  if (!parent || !child) return notFound(ctx.docs);
  const problem = subIssueProblem(ctx.repo, parent, child, body.replace_parent === true);
  if (problem) return ghError(422, problem, ctx.docs);
  attachSubIssue(ctx.repo, parent, child);
  return json(201, issueJson(ctx.repo, ctx.urls, parent));
};

export const removeSubIssue: RepoHandler = (ctx) => {
  const parent = issueByNumber(ctx);
  const child = issueById(ctx.repo, bodyAs<{ sub_issue_id: number }>(ctx).sub_issue_id);
  if (!parent || !child || child.parentId !== parent.id) return notFound(ctx.docs);
  detach(ctx.repo, child);
  return json(200, issueJson(ctx.repo, ctx.urls, parent));
};

export const reprioritizeSubIssue: RepoHandler = (ctx) => {
  const parent = issueByNumber(ctx);
  const body = bodyAs<{ sub_issue_id: number; after_id?: number; before_id?: number }>(ctx);
  const ids = parent?.subIssueIds ?? [];
  if (!parent || !ids.includes(body.sub_issue_id)) return notFound(ctx.docs);
  const anchor = body.after_id ?? body.before_id;
  if (anchor === undefined || !ids.includes(anchor) || anchor === body.sub_issue_id)
    return ghError(422, "Validation Failed: after_id or before_id must name another sub-issue", ctx.docs);
  const rest = ids.filter((id) => id !== body.sub_issue_id);
  const at = rest.indexOf(anchor) + (body.after_id !== undefined ? 1 : 0);
  parent.subIssueIds = [...rest.slice(0, at), body.sub_issue_id, ...rest.slice(at)];
  return json(200, issueJson(ctx.repo, ctx.urls, parent));
};

/** Why `child` cannot become `parent`'s last sub-issue (GitHub's caps and rules), or null. Shared with GraphQL. */
export function subIssueProblem(
  repo: RepoState,
  parent: IssueRecord,
  child: IssueRecord,
  replace: boolean,
): string | null {
  if (parent.id === child.id) return "An issue cannot be a sub-issue of itself";
  if (child.pull || parent.pull) return "Pull requests cannot be sub-issues or parents";
  if (child.parentId === parent.id) return "Issue is already a sub-issue of this parent";
  if (child.parentId && !replace) return "Issue may not contain duplicate sub-issues and can only have one parent";
  if ((parent.subIssueIds ?? []).length >= MAX_SUB_ISSUES)
    return `Parent cannot have more than ${MAX_SUB_ISSUES} sub-issues`;
  for (let up: IssueRecord | undefined = parent; up; up = up.parentId ? issueById(repo, up.parentId) : undefined)
    if (up.id === child.id) return "Adding this sub-issue would create a cycle";
  if (depthAbove(repo, parent) + 1 + depthBelow(repo, child) > MAX_DEPTH)
    return `Sub-issues cannot be nested more than ${MAX_DEPTH} levels deep`;
  return null;
}

/** Makes `child` the parent's last sub-issue, leaving its old parent; check subIssueProblem first. */
export function attachSubIssue(repo: RepoState, parent: IssueRecord, child: IssueRecord): void {
  detach(repo, child);
  (parent.subIssueIds ??= []).push(child.id);
  child.parentId = parent.id;
}

function depthAbove(repo: RepoState, issue: IssueRecord): number {
  let depth = 1;
  for (let up = issue.parentId ? issueById(repo, issue.parentId) : undefined; up; depth++)
    up = up.parentId ? issueById(repo, up.parentId) : undefined;
  return depth;
}

function depthBelow(repo: RepoState, issue: IssueRecord): number {
  return Math.max(0, ...childrenOf(repo, issue).map((c) => 1 + depthBelow(repo, c)));
}

function detach(repo: RepoState, child: IssueRecord): void {
  const old = child.parentId ? issueById(repo, child.parentId) : undefined;
  if (old) old.subIssueIds = (old.subIssueIds ?? []).filter((id) => id !== child.id);
  child.parentId = null;
}

function childrenOf(repo: RepoState, parent: IssueRecord): IssueRecord[] {
  return (parent.subIssueIds ?? []).flatMap((id) => issueById(repo, id) ?? []);
}

export function issueById(repo: RepoState, id: number): IssueRecord | undefined {
  for (const issue of repo.issues.values()) if (issue.id === id) return issue;
  return undefined;
}

export function issueByNumber(ctx: RepoRouteContext): IssueRecord | undefined {
  return ctx.repo.issues.get(Number(ctx.params.issue_number));
}
