import { createHash } from "node:crypto";
import type { ParsedRequest } from "./request-parse.js";
import type { SimResponse } from "./responses.js";
import { serializeBody } from "./serialize.js";

/**
 * GitHub's conditional requests: a successful GET carries a strong ETag (here a hash of the
 * content type and the serialised body, so it changes exactly when the answer does), and a GET
 * whose `If-None-Match` names it is answered `304 Not Modified` with no body, the ETag kept.
 * Errors carry none (a 404 has no ETag), and a 304 sends no `link`: a client paginating from a
 * 304 must take it from the answer it stored.
 */
export function withEtag(request: ParsedRequest, response: SimResponse): SimResponse {
  if (request.method !== "GET" || response.status !== 200 || response.body === undefined) return response;
  const etag = etagOf(response);
  if (matches(request.headers["if-none-match"], etag)) {
    const { "content-type": _type, link: _link, ...kept } = response.headers;
    return { status: 304, headers: { ...kept, etag }, body: undefined };
  }
  return { ...response, headers: { ...response.headers, etag } };
}

export function etagOf(response: SimResponse): string {
  const hash = createHash("sha1")
    .update(`${response.headers["content-type"] ?? ""}\n${serializeBody(response.body)}`)
    .digest("hex");
  return `"${hash}"`;
}

/** RFC 9110's weak comparison, which `If-None-Match` uses: `W/` is ignored, `*` matches anything. */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(etag));
}
