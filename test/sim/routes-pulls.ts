import { isAncestor } from "./git-files.js";
import { paginate } from "./pagination.js";
import { pullJson } from "./present-pull.js";
import type { IssueRecord, PullFields, RepoState } from "./records.js";
import { branchSha } from "./repo-git.js";
import { ghError, json, notFound, validationFailed, type FieldError } from "./responses.js";
import { bodyAs, type RepoHandler, type RepoRouteContext } from "./route-context.js";

/** Pull requests: list, create, update. Only same-repository heads are simulated (no forks). */

interface PullBody {
  title?: string;
  head?: string;
  base?: string;
  body?: string;
  draft?: boolean;
  state?: "open" | "closed";
  issue?: number;
}

type PullIssue = IssueRecord & { pull: PullFields };

export const listPulls: RepoHandler = (ctx) => {
  const state = ctx.query.get("state") ?? "open";
  const head = ctx.query.get("head");
  const base = ctx.query.get("base");
  const sort = ctx.query.get("sort") ?? "created";
  // GitHub: desc by default when sorting by creation date, asc otherwise.
  const sign = (ctx.query.get("direction") ?? (sort === "created" ? "desc" : "asc")) === "asc" ? 1 : -1;
  const key = (pr: PullIssue) => Date.parse(sort === "created" ? pr.createdAt : pr.updatedAt);
  const pulls = pullsOf(ctx.repo)
    .filter((pr) => (state === "all" || pr.state === state) && (base === null || pr.pull.base === base))
    .filter(
      (pr) =>
        head === null || `${pr.pull.headOwner}:${pr.pull.head}`.toLowerCase() === qualify(ctx.repo, head).toLowerCase(),
    )
    .sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
  const page = paginate(ctx, pulls);
  return json(
    200,
    page.items.map((pr) => pullJson(ctx.repo, ctx.urls, pr, pr.pull)),
    page.headers,
  );
};

export const createPull: RepoHandler = (ctx) => {
  const body = bodyAs<PullBody & { head: string; base: string }>(ctx);
  if (body.issue !== undefined)
    return ghError(422, "GitHubSim does not simulate converting an issue into a pull request", ctx.docs);
  const [headOwner, head] = splitHead(ctx.repo, body.head);
  const problem = pullProblem(ctx, headOwner, head, body);
  if (problem) return validationFailed([problem], ctx.docs);
  const now = ctx.state.timestamp();
  const issue: PullIssue = {
    id: ctx.state.nextId(),
    pullId: ctx.state.nextId(),
    number: ctx.repo.nextIssueNumber++,
    title: body.title ?? "",
    body: body.body ?? null,
    state: "open",
    stateReason: null,
    labelIds: [],
    milestoneNumber: null,
    assignees: [],
    user: ctx.state.actor,
    comments: 0,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: { head, headOwner, base: body.base, draft: body.draft ?? false },
  };
  ctx.repo.issues.set(issue.number, issue);
  const presented = pullJson(ctx.repo, ctx.urls, issue, issue.pull);
  return json(201, presented, { location: presented.url });
};

export const updatePull: RepoHandler = (ctx) => {
  const pr = pullsOf(ctx.repo).find((candidate) => candidate.number === Number(ctx.params.pull_number));
  if (!pr) return notFound(ctx.docs);
  const body = bodyAs<PullBody>(ctx);
  if (body.base !== undefined && !branchSha(ctx.repo, body.base))
    return validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }], ctx.docs);
  if (body.title !== undefined) pr.title = body.title;
  if (body.body !== undefined) pr.body = body.body;
  if (body.base !== undefined) pr.pull.base = body.base;
  if (body.state !== undefined && body.state !== pr.state)
    pr.closedAt = body.state === "closed" ? ctx.state.timestamp() : null;
  if (body.state !== undefined) pr.state = body.state;
  pr.updatedAt = ctx.state.timestamp();
  return json(200, pullJson(ctx.repo, ctx.urls, pr, pr.pull));
};

/** The first reason GitHub would refuse to open this pull request, if any. */
function pullProblem(
  ctx: RepoRouteContext,
  headOwner: string,
  head: string,
  body: PullBody & { base: string },
): FieldError | undefined {
  const headSha =
    headOwner.toLowerCase() === ctx.repo.owner.login.toLowerCase() ? branchSha(ctx.repo, head) : undefined;
  const baseSha = branchSha(ctx.repo, body.base);
  if (!headSha) return { resource: "PullRequest", field: "head", code: "invalid" };
  if (!baseSha) return { resource: "PullRequest", field: "base", code: "invalid" };
  if (body.title === undefined) return { resource: "PullRequest", field: "title", code: "missing_field" };
  const duplicate = pullsOf(ctx.repo).some(
    (pr) => pr.state === "open" && pr.pull.head === head && pr.pull.base === body.base,
  );
  if (duplicate)
    return {
      resource: "PullRequest",
      code: "custom",
      message: `A pull request already exists for ${headOwner}:${head}.`,
    };
  if (isAncestor(ctx.repo.git, headSha, baseSha))
    return { resource: "PullRequest", code: "custom", message: `No commits between ${body.base} and ${head}` };
  return undefined;
}

function pullsOf(repo: RepoState): PullIssue[] {
  return [...repo.issues.values()].filter((issue): issue is PullIssue => issue.pull !== null);
}

/** `owner:branch` or a bare branch of this repository. */
function splitHead(repo: RepoState, head: string): [string, string] {
  const colon = head.indexOf(":");
  return colon < 0 ? [repo.owner.login, head] : [head.slice(0, colon), head.slice(colon + 1)];
}

function qualify(repo: RepoState, head: string): string {
  return splitHead(repo, head).join(":");
}
