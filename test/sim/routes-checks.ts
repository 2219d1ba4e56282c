import { nodeId } from "./present-user.js";
import { requestActor } from "./routes-collaborators.js";
import type { Annotation, CheckRunRecord } from "./records.js";
import { resolveCommitish } from "./repo-git.js";
import { ghError, json, notFound, type SimResponse } from "./responses.js";
import { bodyAs, repoApiUrl, repoHtmlUrl, type RepoHandler, type RepoRouteContext } from "./route-context.js";

/** Check runs: `POST /check-runs`, `PATCH /check-runs/{check_run_id}`. */

interface CheckRunBody {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: Annotation[] };
}

// GitHub accepts at most 50 annotations per request; more must be sent in follow-up updates.
const MAX_ANNOTATIONS = 50;

export const createCheckRun: RepoHandler = (ctx) => {
  const body = bodyAs<CheckRunBody & { name: string; head_sha: string }>(ctx);
  if (!ctx.repo.git.commit(body.head_sha)) return ghError(422, `No commit found for SHA: ${body.head_sha}`, ctx.docs);
  // GitHub lets only an app create check runs: a person's token (a PAT) is refused.
  if (requestActor(ctx).type === "User") return ghError(403, "You must authenticate via a GitHub App.", ctx.docs);
  const run: CheckRunRecord = {
    id: ctx.state.nextId(),
    name: body.name,
    headSha: body.head_sha.toLowerCase(),
    status: "queued",
    conclusion: null,
    detailsUrl: null,
    externalId: null,
    startedAt: ctx.state.timestamp(),
    completedAt: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    app: creatingApp(ctx),
  };
  return applyAndRespond(ctx, run, body, 201, () => ctx.repo.checkRuns.push(run));
};

/** GitHub records which app made a check run; here the app's bot is the request's actor. */
function creatingApp(ctx: RepoRouteContext): CheckRunRecord["app"] {
  const actor = requestActor(ctx);
  return { id: actor === ctx.state.actor ? 1 : actor.id, slug: actor.login.replace(/\[bot\]$/, "") };
}

export const updateCheckRun: RepoHandler = (ctx) => {
  const run = ctx.repo.checkRuns.find((candidate) => candidate.id === Number(ctx.params.check_run_id));
  if (!run) return notFound(ctx.docs);
  return applyAndRespond(ctx, run, bodyAs<CheckRunBody>(ctx), 200, () => {});
};

/** Validates first and mutates only when the whole request is acceptable, like GitHub. */
function applyAndRespond(
  ctx: RepoRouteContext,
  run: CheckRunRecord,
  body: CheckRunBody,
  status: number,
  commit: () => void,
): SimResponse {
  const annotations = body.output?.annotations ?? [];
  if (annotations.length > MAX_ANNOTATIONS)
    return ghError(422, `Only ${MAX_ANNOTATIONS} annotations are allowed per request`, ctx.docs);
  const nextStatus = body.conclusion !== undefined ? "completed" : (body.status ?? run.status);
  if (nextStatus === "completed" && (body.conclusion ?? run.conclusion) === null)
    return ghError(422, "Invalid request.\n\nNo conclusion given for a completed check run.", ctx.docs);
  run.name = body.name ?? run.name;
  run.status = nextStatus;
  run.conclusion = body.conclusion ?? run.conclusion;
  run.detailsUrl = body.details_url ?? run.detailsUrl;
  run.externalId = body.external_id ?? run.externalId;
  run.startedAt = body.started_at ?? run.startedAt;
  run.completedAt = nextStatus === "completed" ? (body.completed_at ?? run.completedAt ?? ctx.state.timestamp()) : null;
  if (body.output) {
    run.output = {
      title: body.output.title ?? run.output.title,
      summary: body.output.summary ?? run.output.summary,
      text: body.output.text ?? run.output.text,
    };
  }
  run.annotations.push(...annotations);
  commit();
  return json(status, checkRunJson(ctx, run));
}

function checkRunJson(ctx: RepoRouteContext, run: CheckRunRecord) {
  const url = `${repoApiUrl(ctx.urls, ctx.repo)}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: nodeId("CR", run.id),
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    url,
    html_url: `${repoHtmlUrl(ctx.urls, ctx.repo)}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: { id: run.app.id, slug: run.app.slug, name: run.app.slug },
    pull_requests: [],
  };
}

/**
 * `GET /commits/{ref}/check-runs`: the runs on a commit (ref may be a branch), newest first,
 * filtered by `check_name` and by `app_id` (the app that made them).
 */
export const listCheckRunsForRef: RepoHandler = (ctx) => {
  const sha = resolveCommitish(ctx.repo, ctx.params.ref ?? "");
  if (sha === undefined) return notFound(ctx.docs);
  const name = ctx.query.get("check_name");
  const appId = ctx.query.get("app_id");
  const runs = ctx.repo.checkRuns
    .filter((run) => run.headSha === sha && (name === null || run.name === name))
    .filter((run) => appId === null || run.app.id === Number(appId))
    .reverse();
  return json(200, { total_count: runs.length, check_runs: runs.map((run) => checkRunJson(ctx, run)) });
};
