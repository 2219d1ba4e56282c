/**
 * The `link` header to hand back with a stored page that GitHub answered `304 Not Modified`.
 *
 * Why the stored `link` is not enough: a page's ETag covers its body, not its `Link` header, and a
 * 304 carries no `Link`. A page stored when it was the last one (no rel="next") is therefore still
 * answered 304 after items were appended on a new page behind it, and the stored headers would
 * end `octokit.paginate` there: a new milestone, comment or re-labelled issue is never seen.
 *
 * When the stored page is full (as many items as `per_page` asked for) and its stored headers
 * name no next page, a page may have been appended behind it, so this adds
 * `<same URL, page + 1>; rel="next"`: paginate asks for it, itself a conditional request (a free
 * 304 when unchanged, an empty page when there is none). A page with fewer items than `per_page`
 * needs nothing: anything appended behind it lands on it first and changes its body, so GitHub
 * answers 200 with the new body and its real `Link`.
 *
 * Listings walked by cursor (`cursor`, `before`, `after`: webhook deliveries) ignore `page`, and a
 * directory's contents are one unpaginated array: a synthetic `page=2` would be answered with the
 * same items again and the walk would repeat them, so those keep their stored headers.
 */
export function withNextPageLink(url: string, data: unknown, headers: Record<string, string>): Record<string, string> {
  const links = parseLinks(headers.link ?? "");
  if (links.has("next") || !URL.canParse(url)) return headers;
  const parsed = new URL(url);
  if (!pagedByNumber(parsed, links)) return headers;
  const perPage = Math.min(MAX_PER_PAGE, positiveInt(parsed.searchParams.get("per_page"), DEFAULT_PER_PAGE));
  const count = listedCount(data);
  if (count === undefined || count < perPage) return headers;
  const page = positiveInt(parsed.searchParams.get("page"), 1);
  const next = new URL(parsed);
  next.searchParams.set("page", String(page + 1));
  // GitHub sends rel="last" with every rel="next"; a stored "last" names this very page, so it
  // would contradict the new "next". Where the listing ends now is unknown: no "last" is sent.
  links.delete("last");
  links.set("next", next.toString());
  const link = [...links].map(([rel, target]) => `<${target}>; rel="${rel}"`).join(", ");
  return { ...headers, link };
}

/** GitHub's default `per_page`, and the cap it silently applies to larger values. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/** The items a page holds: an array, or GitHub's wrapped listings (`{total_count, repositories: […]}`). */
function listedCount(data: unknown): number | undefined {
  if (Array.isArray(data)) return data.length;
  if (data === null || typeof data !== "object" || !("total_count" in data)) return undefined;
  const arrays = Object.values(data).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0]!.length : undefined;
}

/** Webhook deliveries (the app's, a repository's or an organisation's hook): walked by cursor. */
const DELIVERIES = /\/hooks?\/(?:[^/]+\/)?deliveries$/;
/** A repository's contents: a directory is one unpaginated array. */
const CONTENTS = /\/repos\/[^/]+\/[^/]+\/contents(?:\/|$)/;
const CURSOR_PARAMS = ["cursor", "before", "after"];

function pagedByNumber(url: URL, links: Map<string, string>): boolean {
  if (DELIVERIES.test(url.pathname) || CONTENTS.test(url.pathname)) return false;
  if (CURSOR_PARAMS.some((name) => url.searchParams.has(name))) return false;
  // A stored link (prev, first) shows how this listing pages: by number, or not.
  return [...links.values()].every((target) => {
    if (!URL.canParse(target, url)) return false;
    const query = new URL(target, url).searchParams;
    return query.has("page") && !CURSOR_PARAMS.some((name) => query.has(name));
  });
}

/** `<url>; rel="next", <url>; rel="last"` as rel → url, in order. */
function parseLinks(header: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const match of header.matchAll(/<([^>]*)>\s*;\s*rel="([^"]+)"/g)) links.set(match[2]!, match[1]!);
  return links;
}

function positiveInt(raw: string | null, fallback: number): number {
  const value = raw === null ? NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
