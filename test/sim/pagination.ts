import type { RouteContext } from "./route-context.js";

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

const DEFAULT_PER_PAGE = 30;
// GitHub silently caps per_page at 100 rather than rejecting larger values.
const MAX_PER_PAGE = 100;

/**
 * Slices `items` by `per_page`/`page` and builds GitHub's `Link` header (prev/next/last/first).
 * Links repeat the request's own query with `page` replaced, and point at the same base URL the
 * client used, so Octokit's paginate follows them back into the simulator.
 */
export function paginate<T>(ctx: RouteContext, items: T[]): Page<T> {
  const perPage = Math.min(MAX_PER_PAGE, positiveInt(ctx.query.get("per_page"), DEFAULT_PER_PAGE));
  const page = positiveInt(ctx.query.get("page"), 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const rels: [string, number][] = [];
  if (page > 1) rels.push(["prev", Math.min(page - 1, last)]);
  if (page < last) rels.push(["next", page + 1], ["last", last]);
  if (page > 1) rels.push(["first", 1]);
  const link = rels.map(([rel, target]) => `<${pageUrl(ctx, target)}>; rel="${rel}"`).join(", ");
  return { items: slice, headers: link ? { link } : {} };
}

function pageUrl(ctx: RouteContext, page: number): string {
  const query = new URLSearchParams(ctx.query);
  query.set("page", String(page));
  return `${ctx.urls.api}${ctx.pathname}?${query.toString()}`;
}

function positiveInt(raw: string | null, fallback: number): number {
  const value = raw === null ? NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
