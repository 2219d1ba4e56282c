import type { GraphqlContext } from "./graphql-context.js";
import { GitHubGraphqlError, nodeNotFound } from "./graphql-errors.js";
import { findNode, type NodeRef } from "./graphql-ids.js";
import { issueObject } from "./graphql-objects.js";
import { projectMutations } from "./graphql-projects.js";
import { insertIssue } from "./issue-create.js";
import { issueTypeNodeId, ownerIssueTypes } from "./issue-types.js";
import { resolveAssignees } from "./issue-fields.js";
import type { IssueRecord, RepoState } from "./records.js";
import { requestActor } from "./routes-collaborators.js";
import { attachSubIssue, subIssueProblem } from "./routes-sub-issues.js";
import { sizeLimitViolation } from "./size-limits.js";

/**
 * The Mutation root fields the simulator answers. Each resolves every id before it writes, so a
 * bad id changes nothing, and writes through the same helpers as the REST routes.
 */

interface CreateIssueInput {
  repositoryId: string;
  title: string;
  body?: string | null;
  labelIds?: string[] | null;
  milestoneId?: string | null;
  assigneeIds?: string[] | null;
  parentIssueId?: string | null;
  issueTypeId?: string | null;
  projectIds?: string[] | null;
  issueTemplate?: string | null;
  clientMutationId?: string | null;
}

interface AddSubIssueInput {
  issueId: string;
  subIssueId?: string | null;
  subIssueUrl?: string | null;
  replaceParent?: boolean | null;
  clientMutationId?: string | null;
}

export function mutationRoot(ctx: GraphqlContext) {
  return {
    ...projectMutations(ctx),
    createIssue: ({ input }: { input: CreateIssueInput }) => createIssue(ctx, input),
    addSubIssue: ({ input }: { input: AddSubIssueInput }) => addSubIssue(ctx, input),
  };
}

/** One of the repository owner's enabled types, by node id; any other id is not found, as on GitHub. */
function lookupIssueType(ctx: GraphqlContext, repo: RepoState, id: string) {
  const type = ownerIssueTypes(ctx.state, repo.owner).find((t) => t.isEnabled && issueTypeNodeId(t) === id);
  if (!type) throw nodeNotFound(id);
  return type;
}

function createIssue(ctx: GraphqlContext, input: CreateIssueInput) {
  if (input.projectIds?.length) throw ctx.unsimulated("CreateIssueInput.projectIds");
  if (input.issueTemplate != null) throw ctx.unsimulated("CreateIssueInput.issueTemplate");
  const repo = lookup(ctx, input.repositoryId, "Repository").repo;
  const labelIds = (input.labelIds ?? []).map((id) => lookupIn(ctx, repo, id, "Label").label.id);
  const milestone = input.milestoneId ? lookupIn(ctx, repo, input.milestoneId, "Milestone").milestone : null;
  const people = (input.assigneeIds ?? []).map((id) => lookupAccount(ctx, id));
  const parent = input.parentIssueId ? lookupIn(ctx, repo, input.parentIssueId, "Issue").issue : null;
  const type = input.issueTypeId ? lookupIssueType(ctx, repo, input.issueTypeId) : null;
  const tooLong = sizeLimitViolation("issues/create", { title: input.title, body: input.body });
  if (tooLong)
    throw new GitHubGraphqlError(
      "UNPROCESSABLE",
      (tooLong.body as { errors: { message: string }[] }).errors[0]!.message,
    );
  if (parent) {
    const problem = subIssueProblem(repo, parent, probeIssue(), false);
    if (problem) throw new GitHubGraphqlError("UNPROCESSABLE", problem);
  }
  const issue = insertIssue(ctx.state, repo, {
    title: input.title,
    body: input.body ?? null,
    labelIds: [...new Set(labelIds)],
    milestoneNumber: milestone?.number ?? null,
    // Like REST, people who cannot be assigned here are dropped without an error.
    assignees: resolveAssignees(
      ctx.state,
      repo,
      people.map((user) => user.login),
    ),
    user: requestActor(ctx.route),
  });
  issue.typeId = type?.id ?? null;
  if (parent) attachSubIssue(repo, parent, issue);
  return { clientMutationId: input.clientMutationId ?? null, issue: issueObject(repo, ctx.urls, issue) };
}

function addSubIssue(ctx: GraphqlContext, input: AddSubIssueInput) {
  if (input.subIssueUrl != null) throw ctx.unsimulated("AddSubIssueInput.subIssueUrl");
  if (!input.subIssueId)
    throw new GitHubGraphqlError("UNPROCESSABLE", "One of subIssueId or subIssueUrl must be provided");
  const { repo, issue: parent } = lookup(ctx, input.issueId, "Issue");
  const child = lookupIn(ctx, repo, input.subIssueId, "Issue").issue;
  const problem = subIssueProblem(repo, parent, child, input.replaceParent === true);
  if (problem) throw new GitHubGraphqlError("UNPROCESSABLE", problem);
  attachSubIssue(repo, parent, child);
  return {
    clientMutationId: input.clientMutationId ?? null,
    issue: issueObject(repo, ctx.urls, parent),
    subIssue: issueObject(repo, ctx.urls, child),
  };
}

type RefOf<T extends NodeRef["type"]> = Extract<NodeRef, { type: T }>;

/** The node behind `id` if it is of `type`; otherwise GitHub's NOT_FOUND for that id. */
function lookup<T extends "Repository" | "Label" | "Milestone" | "Issue">(
  ctx: GraphqlContext,
  id: string,
  type: T,
): RefOf<T> {
  const found = findNode(ctx.state, id);
  if (found && "unsimulated" in found) throw ctx.unsimulated(`${found.unsimulated} ids in mutations`);
  if (!found || found.type !== type) throw nodeNotFound(id);
  return found as RefOf<T>;
}

function lookupAccount(ctx: GraphqlContext, id: string) {
  const found = findNode(ctx.state, id);
  if (!found || "unsimulated" in found || !("user" in found) || found.type === "Organization") throw nodeNotFound(id);
  return found.user;
}

/**
 * A label, milestone or issue of `repo`. Another repository's label or milestone cannot resolve in
 * this one (NOT_FOUND). GitHub does link issues across repositories as sub-issues, but the
 * simulator keeps sub-issues per repository, so that is recorded as a gap instead.
 */
function lookupIn<T extends "Label" | "Milestone" | "Issue">(
  ctx: GraphqlContext,
  repo: RepoState,
  id: string,
  type: T,
): RefOf<T> {
  const ref = lookup(ctx, id, type);
  // Every ref these three types name has a repo; TypeScript cannot see that through Extract<…, T>.
  if ((ref as unknown as { repo: RepoState }).repo === repo) return ref;
  if (type === "Issue") throw ctx.unsimulated("sub-issues in another repository");
  throw nodeNotFound(id);
}

/** A stand-in for the issue about to be created, to ask subIssueProblem before creating it. */
function probeIssue(): IssueRecord {
  return {
    id: -1,
    pullId: null,
    number: -1,
    title: "",
    body: null,
    state: "open",
    stateReason: null,
    labelIds: [],
    milestoneNumber: null,
    assignees: [],
    user: { login: "", id: -1, type: "User" },
    comments: 0,
    createdAt: "",
    updatedAt: "",
    closedAt: null,
    pull: null,
  };
}
