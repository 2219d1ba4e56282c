import type { SimUrls } from "./route-context.js";

/** A request as any transport (direct call, nock, node:http) hands it to the simulator. */
export interface SimRequest {
  method: string;
  /** Absolute (`https://api.github.com/repos/...`) or a path (`/repos/...`). */
  url: string;
  headers?: Record<string, string | string[] | undefined>;
  /** A JSON string, bytes, an already parsed value, or undefined. */
  body?: unknown;
}

export interface ParsedRequest {
  method: string;
  /** Path without query and without the GHE `/api/v3` prefix, percent-encoding kept. */
  rawPath: string;
  /** `rawPath` decoded, for logs. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  bodyError?: string;
  urls: SimUrls;
}

/** GitHub Enterprise Server serves the REST API under this prefix; Octokit adds it for GHE_HOST. */
const GHE_PREFIX = "/api/v3";
const GITHUB_API = "https://api.github.com";

export function parseRequest(request: SimRequest): ParsedRequest {
  const headers = lowerCaseHeaders(request.headers ?? {});
  const absolute = /^https?:\/\//i.test(request.url);
  const origin = absolute ? new URL(request.url).origin : headers.host ? `http://${headers.host}` : GITHUB_API;
  const url = new URL(request.url, origin);
  const hasPrefix = url.pathname === GHE_PREFIX || url.pathname.startsWith(`${GHE_PREFIX}/`);
  const rawPath = hasPrefix ? url.pathname.slice(GHE_PREFIX.length) || "/" : url.pathname;
  const { body, error } = parseBody(request.body);
  return {
    method: request.method.toUpperCase(),
    rawPath,
    path: safeDecode(rawPath),
    query: url.searchParams,
    headers,
    body,
    ...(error ? { bodyError: error } : {}),
    urls: { api: origin + (hasPrefix ? GHE_PREFIX : ""), html: origin === GITHUB_API ? "https://github.com" : origin },
  };
}

function parseBody(body: unknown): { body: unknown; error?: string } {
  const text =
    typeof body === "string" ? body : body instanceof Uint8Array ? Buffer.from(body).toString("utf8") : undefined;
  if (text === undefined) return { body };
  if (text.trim() === "") return { body: undefined };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text, error: "request body is not valid JSON" };
  }
}

function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
