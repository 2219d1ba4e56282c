import type { ParsedRequest } from "./request-parse.js";
import { json, type SimResponse } from "./responses.js";

/** GitHub's primary limit for an installation token (it grows with the installation's size on GitHub). */
export const DEFAULT_RATE_LIMIT = 5_000;
const WINDOW_MS = 3_600_000;

interface Bucket {
  used: number;
  resetAt: number;
}

/**
 * GitHub's primary rate limit, per installation (the token's `ghs_sim<id>x` names it) or per
 * other credential: every answer is charged one request, except a `304 Not Modified` (GitHub
 * documents conditional requests answered 304 as free) and the token exchange itself, which is
 * made with the app's JWT. Every answer carries the `x-ratelimit-*` headers; once the hour's
 * requests are spent, requests are refused with GitHub's 403 until the reset, unsimulated.
 * The window runs on the real clock: the simulator's clock ticks per reading, and reading it
 * here would shift the timestamps tests assert on.
 */
export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(public limit = DEFAULT_RATE_LIMIT) {}

  /** Answers through `respond` unless the limit is spent, charging the answer unless it is free. */
  charge(request: ParsedRequest, free: boolean, respond: () => SimResponse): SimResponse {
    const bucket = this.bucket(request.headers.authorization ?? "");
    if (!free && bucket.used >= this.limit) return this.withHeaders(exhausted(request), bucket);
    const response = respond();
    if (!free && response.status !== 304) bucket.used++;
    return this.withHeaders(response, bucket);
  }

  /** Headers a response already has (a test's fault, for instance) win over the bucket's. */
  private withHeaders(response: SimResponse, bucket: Bucket): SimResponse {
    const headers = {
      "x-ratelimit-limit": String(this.limit),
      "x-ratelimit-remaining": String(Math.max(0, this.limit - bucket.used)),
      "x-ratelimit-used": String(bucket.used),
      "x-ratelimit-reset": String(Math.ceil(bucket.resetAt / 1000)),
      "x-ratelimit-resource": "core",
    };
    return { ...response, headers: { ...headers, ...response.headers } };
  }

  private bucket(authorization: string): Bucket {
    const key = /ghs_sim(\d+)x/.exec(authorization)?.[1] ?? authorization;
    let bucket = this.buckets.get(key);
    if (!bucket || Date.now() >= bucket.resetAt) {
      bucket = { used: 0, resetAt: Date.now() + WINDOW_MS };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

function exhausted(request: ParsedRequest): SimResponse {
  return json(403, {
    message: `API rate limit exceeded for ${request.headers.authorization ? "this token" : "your IP"}.`,
    documentation_url: "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api",
    status: "403",
  });
}
