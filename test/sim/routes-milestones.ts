import { pacificDate } from "./pacific-date.js";
import { paginate } from "./pagination.js";
import { milestoneJson } from "./present-issue.js";
import type { MilestoneRecord, RepoState } from "./records.js";
import { json, notFound, validationFailed } from "./responses.js";
import { bodyAs, type RepoHandler } from "./route-context.js";

/** `GET/POST /repos/{owner}/{repo}/milestones`, `PATCH .../milestones/{milestone_number}`. */

interface MilestoneBody {
  title?: string;
  state?: "open" | "closed";
  description?: string | null;
  due_on?: string | null;
}

export const listMilestones: RepoHandler = (ctx) => {
  const state = ctx.query.get("state") ?? "open";
  const matching = [...ctx.repo.milestones.values()].filter((m) => state === "all" || m.state === state);
  const sorted = sortMilestones(
    ctx.repo,
    matching,
    ctx.query.get("sort") ?? "due_on",
    ctx.query.get("direction") ?? "asc",
  );
  const page = paginate(ctx, sorted);
  return json(
    200,
    page.items.map((m) => milestoneJson(ctx.repo, ctx.urls, m)),
    page.headers,
  );
};

export const createMilestone: RepoHandler = (ctx) => {
  const body = bodyAs<MilestoneBody & { title: string }>(ctx);
  if (titleTaken(ctx.repo, body.title))
    return validationFailed([{ resource: "Milestone", code: "already_exists", field: "title" }], ctx.docs);
  const now = ctx.state.timestamp();
  const milestone: MilestoneRecord = {
    id: ctx.state.nextId(),
    number: ctx.repo.nextMilestoneNumber++,
    title: body.title,
    description: body.description ?? null,
    state: body.state ?? "open",
    dueOn: dueDate(body.due_on),
    creator: ctx.state.actor,
    createdAt: now,
    updatedAt: now,
    closedAt: body.state === "closed" ? now : null,
  };
  ctx.repo.milestones.set(milestone.number, milestone);
  return json(201, milestoneJson(ctx.repo, ctx.urls, milestone));
};

export const updateMilestone: RepoHandler = (ctx) => {
  const milestone = ctx.repo.milestones.get(Number(ctx.params.milestone_number));
  if (!milestone) return notFound(ctx.docs);
  const body = bodyAs<MilestoneBody>(ctx);
  if (body.title !== undefined && titleTaken(ctx.repo, body.title, milestone)) {
    return validationFailed([{ resource: "Milestone", code: "already_exists", field: "title" }], ctx.docs);
  }
  const now = ctx.state.timestamp();
  if (body.title !== undefined) milestone.title = body.title;
  if (body.description !== undefined) milestone.description = body.description;
  if (body.due_on !== undefined) milestone.dueOn = dueDate(body.due_on);
  if (body.state !== undefined && body.state !== milestone.state)
    milestone.closedAt = body.state === "closed" ? now : null;
  if (body.state !== undefined) milestone.state = body.state;
  milestone.updatedAt = now;
  return json(200, milestoneJson(ctx.repo, ctx.urls, milestone));
};

/** GitHub keeps only the Pacific calendar date of `due_on` (see pacific-date.ts). */
function dueDate(dueOn: string | null | undefined): string | null {
  return dueOn ? pacificDate(new Date(dueOn)) : null;
}

function titleTaken(repo: RepoState, title: string, except?: MilestoneRecord): boolean {
  return [...repo.milestones.values()].some((m) => m !== except && m.title === title);
}

/** Milestones without a due date sort after dated ones; ties keep creation order. */
function sortMilestones(
  repo: RepoState,
  milestones: MilestoneRecord[],
  sort: string,
  direction: string,
): MilestoneRecord[] {
  const sign = direction === "desc" ? -1 : 1;
  const key = (m: MilestoneRecord) =>
    sort === "completeness" ? completeness(repo, m) : m.dueOn === null ? Infinity : Date.parse(m.dueOn);
  return [...milestones].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const diff = ka === kb ? 0 : ka === Infinity ? 1 : kb === Infinity ? -1 : sign * (ka - kb);
    return diff || a.number - b.number;
  });
}

function completeness(repo: RepoState, milestone: MilestoneRecord): number {
  const issues = [...repo.issues.values()].filter((issue) => issue.milestoneNumber === milestone.number);
  return issues.length === 0 ? 0 : issues.filter((issue) => issue.state === "closed").length / issues.length;
}
