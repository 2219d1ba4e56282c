import { paginate } from "./pagination.js";
import { repoJson } from "./present-repo.js";
import { installationJson } from "./routes-repo.js";
import { json, notFound, ghError } from "./responses.js";
import type { Handler } from "./route-context.js";
import type { SimState } from "./sim-state.js";

/** The app's own endpoints (JWT): webhook deliveries and installations. */

export interface DeliveryRecord {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  /** Not part of GitHub's listing: what a redelivery sends again. */
  payload: unknown;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/** Newest first, `per_page` at a time; `cursor` is opaque to clients (here: the last id returned). */
export const listWebhookDeliveries: Handler = (ctx) => {
  const perPage = Math.min(MAX_PER_PAGE, Number(ctx.query.get("per_page") ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE);
  const cursor = ctx.query.get("cursor");
  const status = ctx.query.get("status");
  const all = [...ctx.state.deliveries]
    .sort((a, b) => b.id - a.id)
    .filter((d) => status === null || (status === "success") === isSuccess(d))
    .filter((d) => cursor === null || d.id < Number(cursor));
  const page = all.slice(0, perPage);
  const headers: Record<string, string> = {};
  if (all.length > perPage) {
    const query = new URLSearchParams(ctx.query);
    query.set("cursor", String(page.at(-1)!.id));
    headers.link = `<${ctx.urls.api}${ctx.pathname}?${query.toString()}>; rel="next"`;
  }
  return json(
    200,
    page.map(({ payload: _payload, ...listed }) => listed),
    headers,
  );
};

/** Records a new attempt (`redelivery: true`) and hands it to the simulator's webhook sender. */
export const redeliverWebhookDelivery: Handler = (ctx) => {
  const original = ctx.state.deliveries.find((d) => d.id === Number(ctx.params.delivery_id));
  if (!original) return notFound(ctx.docs);
  const attempt: DeliveryRecord = {
    ...original,
    id: ctx.state.nextId(),
    delivered_at: ctx.state.timestamp(),
    redelivery: true,
    status: "Pending",
    status_code: 0,
  };
  ctx.state.deliveries.push(attempt);
  ctx.state.onRedelivery?.(attempt);
  return json(202, {});
};

export const listInstallations: Handler = (ctx) => {
  const ids = [...new Set([...ctx.state.repos.values()].map((repo) => repo.installationId))].sort((a, b) => a - b);
  const firsts = ids.map((id) => [...ctx.state.repos.values()].find((repo) => repo.installationId === id)!);
  const page = paginate(
    ctx,
    firsts.map((repo) => installationJson(ctx.state, repo, ctx.urls)),
  );
  return json(200, page.items, page.headers);
};

/** The repositories of the installation whose token made the request (`ghs_sim<id>x…`). */
export const listInstallationRepos: Handler = (ctx) => {
  const installation = installationOfToken(ctx.state, ctx.headers.authorization ?? "");
  if (installation === null) return ghError(403, "This endpoint needs an installation access token", ctx.docs);
  const repos = [...ctx.state.repos.values()].filter((repo) => repo.installationId === installation);
  const page = paginate(
    ctx,
    repos.map((repo) => repoJson(repo, ctx.urls)),
  );
  return json(
    200,
    { total_count: repos.length, repository_selection: "selected", repositories: page.items },
    page.headers,
  );
};

function installationOfToken(_state: SimState, authorization: string): number | null {
  const match = /ghs_sim(\d+)x/.exec(authorization);
  return match ? Number(match[1]) : null;
}

export function isSuccess(delivery: DeliveryRecord): boolean {
  return delivery.status_code >= 200 && delivery.status_code < 300;
}
