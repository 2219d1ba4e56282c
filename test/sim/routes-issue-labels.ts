import { resolveAssignees, resolveLabels, type LabelInput } from "./issue-fields.js";
import { issueJson, issueLabels, labelJson } from "./present-issue.js";
import type { IssueRecord } from "./records.js";
import { ghError, json, notFound } from "./responses.js";
import { bodyAs, type RepoHandler, type RepoRouteContext } from "./route-context.js";

/**
 * Adding and removing an issue's labels and assignees one by one, as GitHub does: each request
 * changes only the names it carries, so a label or assignee a human added meanwhile stays.
 */

/** `POST …/issues/{n}/labels`: adds the labels (creating unknown ones); answers the issue's labels. */
export const addIssueLabels: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  if (!issue) return notFound(ctx.docs);
  const body = ctx.body as unknown;
  // GitHub takes `{labels: [...]}`, a bare array of names, or `{labels: [{name}]}`.
  const inputs: LabelInput[] = Array.isArray(body) ? body : (bodyAs<{ labels?: LabelInput[] }>(ctx).labels ?? []);
  for (const id of resolveLabels(ctx.state, ctx.repo, inputs))
    if (!issue.labelIds.includes(id)) issue.labelIds.push(id);
  issue.updatedAt = ctx.state.timestamp();
  return json(
    200,
    issueLabels(ctx.repo, issue).map((label) => labelJson(ctx.repo, ctx.urls, label)),
  );
};

/** `DELETE …/issues/{n}/labels/{name}`: 404 "Label does not exist" when the issue lacks it. */
export const removeIssueLabel: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  if (!issue) return notFound(ctx.docs);
  const name = (ctx.params.name ?? "").toLowerCase();
  const label = issueLabels(ctx.repo, issue).find((l) => l.name.toLowerCase() === name);
  if (!label) return ghError(404, "Label does not exist", ctx.docs);
  issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  issue.updatedAt = ctx.state.timestamp();
  return json(
    200,
    issueLabels(ctx.repo, issue).map((l) => labelJson(ctx.repo, ctx.urls, l)),
  );
};

/** `POST …/issues/{n}/assignees`: adds the assignable logins (others are dropped silently). */
export const addIssueAssignees: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  if (!issue) return notFound(ctx.docs);
  for (const user of resolveAssignees(ctx.state, ctx.repo, bodyAs<{ assignees?: unknown[] }>(ctx).assignees ?? []))
    if (!issue.assignees.includes(user)) issue.assignees.push(user);
  issue.updatedAt = ctx.state.timestamp();
  return json(201, issueJson(ctx.repo, ctx.urls, issue));
};

/** `DELETE …/issues/{n}/assignees`: removes the logins named; others stay. */
export const removeIssueAssignees: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  if (!issue) return notFound(ctx.docs);
  const names = new Set((bodyAs<{ assignees?: unknown[] }>(ctx).assignees ?? []).map((a) => String(a).toLowerCase()));
  issue.assignees = issue.assignees.filter((user) => !names.has(user.login.toLowerCase()));
  issue.updatedAt = ctx.state.timestamp();
  return json(200, issueJson(ctx.repo, ctx.urls, issue));
};

function findIssue(ctx: RepoRouteContext): IssueRecord | undefined {
  return ctx.repo.issues.get(Number(ctx.params.issue_number));
}
