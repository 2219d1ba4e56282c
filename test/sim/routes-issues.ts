import { requestActor } from "./routes-collaborators.js";
import { resolveAssignees, resolveLabels, resolveMilestone, type LabelInput } from "./issue-fields.js";
import { insertIssue } from "./issue-create.js";
import { resolveIssueType } from "./issue-types.js";
import { listIssues } from "./issue-list.js";
import { paginate } from "./pagination.js";
import { commentJson, issueJson } from "./present-issue.js";
import type { CommentRecord, IssueRecord } from "./records.js";
import { json, notFound, validationFailed } from "./responses.js";
import { bodyAs, type RepoHandler, type RepoRouteContext } from "./route-context.js";

/** Issues: list, get, create, update, comment. Pull requests share the issue number sequence. */

interface IssueBody {
  title?: string | number | null;
  body?: string | null;
  state?: "open" | "closed";
  state_reason?: string | null;
  labels?: LabelInput[];
  milestone?: string | number | null;
  assignees?: unknown[];
  assignee?: string | null;
  type?: unknown;
}

export const listRepoIssues: RepoHandler = (ctx) => {
  const page = paginate(ctx, listIssues(ctx.repo, ctx.query));
  return json(
    200,
    page.items.map((issue) => issueJson(ctx.repo, ctx.urls, issue)),
    page.headers,
  );
};

export const getIssue: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  return issue ? json(200, issueJson(ctx.repo, ctx.urls, issue)) : notFound(ctx.docs);
};

export const createIssue: RepoHandler = (ctx) => {
  const body = bodyAs<IssueBody>(ctx);
  const milestone = resolveMilestone(ctx.repo, body.milestone);
  if ("error" in milestone) return validationFailed([milestone.error], ctx.docs);
  const type = resolveIssueType(ctx.state, ctx.repo, body.type);
  if ("error" in type) return validationFailed([type.error], ctx.docs);
  const issue = insertIssue(ctx.state, ctx.repo, {
    title: String(body.title ?? ""),
    body: body.body ?? null,
    milestoneNumber: milestone.number,
  });
  // Resolved after the issue takes its id, so labels and users first seen here get later ids.
  issue.labelIds = resolveLabels(ctx.state, ctx.repo, body.labels ?? []);
  issue.assignees = resolveAssignees(ctx.state, ctx.repo, body.assignees ?? (body.assignee ? [body.assignee] : []));
  issue.user = requestActor(ctx);
  issue.typeId = type.typeId;
  const presented = issueJson(ctx.repo, ctx.urls, issue);
  return json(201, presented, { location: presented.url });
};

export const updateIssue: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  if (!issue) return notFound(ctx.docs);
  const body = bodyAs<IssueBody>(ctx);
  const milestone =
    "milestone" in body ? resolveMilestone(ctx.repo, body.milestone) : { number: issue.milestoneNumber };
  if ("error" in milestone) return validationFailed([{ ...milestone.error }], ctx.docs);
  const type = "type" in body ? resolveIssueType(ctx.state, ctx.repo, body.type) : { typeId: issue.typeId ?? null };
  if ("error" in type) return validationFailed([type.error], ctx.docs);
  issue.typeId = type.typeId;
  if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = body.body;
  if (body.labels) issue.labelIds = resolveLabels(ctx.state, ctx.repo, body.labels);
  if (body.assignees) issue.assignees = resolveAssignees(ctx.state, ctx.repo, body.assignees);
  else if ("assignee" in body)
    issue.assignees = resolveAssignees(ctx.state, ctx.repo, body.assignee ? [body.assignee] : []);
  issue.milestoneNumber = milestone.number;
  applyState(ctx, issue, body);
  issue.updatedAt = ctx.state.timestamp();
  return json(200, issueJson(ctx.repo, ctx.urls, issue));
};

export const createComment: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  if (!issue) return notFound(ctx.docs);
  const now = ctx.state.timestamp();
  const comment: CommentRecord = {
    id: ctx.state.nextId(),
    issueNumber: issue.number,
    body: String(ctx.body.body),
    user: ctx.state.actor,
    createdAt: now,
    updatedAt: now,
  };
  ctx.repo.comments.push(comment);
  issue.comments++;
  issue.updatedAt = now;
  const presented = commentJson(ctx.repo, ctx.urls, comment);
  return json(201, presented, { location: presented.url });
};

export const listComments: RepoHandler = (ctx) => {
  const issue = findIssue(ctx);
  if (!issue) return notFound(ctx.docs);
  const comments = ctx.repo.comments.filter((c) => c.issueNumber === issue.number);
  const page = paginate(ctx, comments);
  return json(
    200,
    page.items.map((c) => commentJson(ctx.repo, ctx.urls, c)),
    page.headers,
  );
};

/** Closing defaults `state_reason` to `completed`; reopening sets `reopened`, as GitHub reports. */
function applyState(ctx: RepoRouteContext, issue: IssueRecord, body: IssueBody): void {
  const next = body.state ?? issue.state;
  if (next === "closed" && issue.state === "open") {
    issue.closedAt = ctx.state.timestamp();
    issue.stateReason = body.state_reason ?? "completed";
  } else if (next === "open" && issue.state === "closed") {
    issue.closedAt = null;
    issue.stateReason = body.state_reason ?? "reopened";
  } else if (body.state_reason !== undefined) {
    issue.stateReason = body.state_reason;
  }
  issue.state = next;
}

function findIssue(ctx: RepoRouteContext): IssueRecord | undefined {
  return ctx.repo.issues.get(Number(ctx.params.issue_number));
}
