import type { Octokit as CoreOctokit } from "@octokit/core";
import type { EndpointDefaults, OctokitResponse } from "@octokit/types";
import { MemoryEtagCache, etagCacheBytes, type CachedResponse, type EtagCache } from "./etag-cache.js";
import { withNextPageLink } from "./next-page-link.js";
import { statusOf } from "./write-policy.js";

/**
 * Conditional requests, as an Octokit plugin: every GET whose answer was seen before is sent with
 * `If-None-Match: <its ETag>`. GitHub answers `304 Not Modified` when nothing changed, and a 304
 * does not count against the primary rate limit; the plugin hands the caller the stored answer
 * as a normal 200 (body, and the stored headers with `link`, so `octokit.paginate` walks on, each
 * page its own conditional request; a full page stored as the last one also points on to the page
 * after it, which may have been appended since: next-page-link.ts). A changed resource is answered 200 with the new body, which
 * replaces the stored one. GitHub decides freshness on every request: a stale entry costs a
 * full answer, never a stale read.
 *
 * Why a stored body is never served to the wrong tenant: the key holds the full URL (base URL,
 * owner/repo, path and query) and the media type, so an entry answers one resource only. A 304
 * is GitHub's answer to *this* request, made with *this* client's token: GitHub checks access
 * before it compares ETags (a token that cannot read the resource gets its 404 or 403), and
 * GitHub's ETags are token-specific besides (another token's ETag just misses, answered 200).
 * So a 304 means "the body you hold is exactly what this token would be sent", whoever stored
 * it. The cost of token-specific ETags: an installation token lives an hour, so entries from
 * the previous token miss once and are replaced.
 *
 * The retry and throttling plugins see a 304 as what it is, no failure: Octokit throws it as a
 * RequestError with status 304, which the retry plugin does not repeat (it retries 409 and 5xx
 * only) and the throttling plugin ignores (it reacts to 403 and 429). This plugin, registered
 * after them, wraps outside both, so it catches the 304 once, after they passed it on.
 */

/** What a GET ended as: answered from the cache (304), re-read (200 to a conditional request), or read with nothing stored. */
export type ConditionalResult = "not_modified" | "modified" | "uncached";

type ResultListener = (result: ConditionalResult) => void;
const listeners = new Set<ResultListener>();

/** Tells `listener` how each GET of every client in this process ended (for metrics); returns the unsubscribe. */
export function onConditionalRequest(listener: ResultListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** One cache per process: every client (a new one per job) shares it. Undefined until first use or `useEtagCache`. */
let processCache: EtagCache | null | undefined;

/**
 * Sets the process's cache: the app sets the Redis-backed one at start (default-backend.ts);
 * null turns conditional requests off. Without a call, the first request makes an in-memory one
 * bounded by `PLANSYNC_ETAG_CACHE_MB` (0: off).
 */
export function useEtagCache(cache: EtagCache | null): void {
  processCache = cache;
}

function currentCache(): EtagCache | null {
  if (processCache === undefined) {
    const bytes = etagCacheBytes();
    processCache = bytes > 0 ? new MemoryEtagCache(bytes) : null;
  }
  return processCache;
}

type RequestOptions = Required<EndpointDefaults> & { request?: { parseSuccessResponseBody?: boolean } };
type Response = OctokitResponse<unknown>;
type Headers = Response["headers"];

export function conditionalRequests(octokit: CoreOctokit): void {
  octokit.hook.wrap("request", async (request, options) => {
    const cache = currentCache();
    if (cache === null || !cacheable(options)) return request(options);
    const endpoint = octokit.request.endpoint.parse(options);
    const key = cacheKey(endpoint);
    const cached = await cache.get(key).catch(() => undefined);
    if (cached === undefined) return tell("uncached", keep(cache, key, await request(options)));
    try {
      // In place: before-after-hook binds the inner hooks to this very options object, so a
      // copy handed to `request` would not reach them.
      options.headers = { ...options.headers, "if-none-match": cached.etag };
      return tell("modified", keep(cache, key, await request(options)));
    } catch (error) {
      if (statusOf(error) !== 304) throw error;
      const fresh = (error as { response?: Response }).response;
      return tell("not_modified", fromCache(endpoint.url, cached, fresh));
    }
  });
}

/** GETs whose body Octokit parses, and that the caller did not make conditional itself. */
function cacheable(options: Partial<RequestOptions>): boolean {
  if (String(options.method ?? "GET").toUpperCase() !== "GET") return false;
  if (options.request?.parseSuccessResponseBody === false) return false;
  const headers = Object.keys(options.headers ?? {}).map((name) => name.toLowerCase());
  return !headers.includes("if-none-match") && !headers.includes("if-modified-since");
}

/** Method, full URL with its query, and the media type (a raw file and its JSON are two answers). */
export function cacheKey(endpoint: { url: string; headers: Record<string, unknown> }): string {
  const header = (name: string) => String(endpoint.headers[name] ?? "").toLowerCase();
  return `GET ${endpoint.url} ${header("accept")} ${header("x-github-api-version")}`;
}

/**
 * Stores a 200 that carries an ETag; errors never reach here (Octokit throws them). The read does
 * not wait for the store: the cache only saves requests, so a store that fails or stalls (a slow
 * Redis) is dropped and never fails or holds up the read. The in-memory layer stores at once.
 */
function keep(cache: EtagCache, key: string, response: Response): Response {
  const etag = response.headers.etag;
  if (response.status !== 200 || typeof etag !== "string" || etag === "") return response;
  const headers = stringHeaders(response.headers);
  void cache.set(key, { etag, data: response.data, headers }).catch(() => undefined);
  return response;
}

/**
 * The stored answer as a 200, with the 304's own headers (rate limit, date) over the stored ones.
 * A 304 carries no `link`, and a full page stored as the last one may have a new page behind it:
 * `withNextPageLink` points paginate on to it (next-page-link.ts).
 */
function fromCache(url: string, cached: CachedResponse, fresh: Response | undefined): Response {
  const { "content-length": _length, ...freshHeaders } = stringHeaders(fresh?.headers ?? {});
  return {
    status: 200,
    url: fresh?.url ?? url,
    headers: withNextPageLink(url, cached.data, { ...cached.headers, ...freshHeaders }),
    data: cached.data,
  };
}

function stringHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (typeof value === "string") out[name] = value;
  return out;
}

function tell<R extends Response>(result: ConditionalResult, response: R): R {
  for (const listener of listeners) listener(result);
  return response;
}
