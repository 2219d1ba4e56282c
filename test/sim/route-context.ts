import type { RepoState } from "./records.js";
import type { SimResponse } from "./responses.js";
import type { SimState } from "./sim-state.js";

/** Where the client reached the API, so URLs in responses (and Link headers) lead back to the simulator. */
export interface SimUrls {
  /** e.g. `https://api.github.com` or `http://127.0.0.1:PORT/api/v3`. */
  api: string;
  /** e.g. `https://github.com`, or the GHE host. */
  html: string;
}

export interface RouteContext {
  state: SimState;
  operationId: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
  query: URLSearchParams;
  /**
   * The JSON body ({} when none). Handlers cast it to the operation's shape: the validator has
   * already checked it against GitHub's schema before any handler runs.
   */
  body: Record<string, unknown>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Request path without the `/api/v3` prefix, as sent. */
  pathname: string;
  urls: SimUrls;
  /** The operation's documentation URL, used in error bodies like GitHub does. */
  docs: string;
}

export interface RepoRouteContext extends RouteContext {
  repo: RepoState;
}

export type Handler = (ctx: RouteContext) => SimResponse;
export type RepoHandler = (ctx: RepoRouteContext) => SimResponse;

export const repoApiUrl = (urls: SimUrls, repo: RepoState) => `${urls.api}/repos/${repo.owner.login}/${repo.name}`;
export const repoHtmlUrl = (urls: SimUrls, repo: RepoState) => `${urls.html}/${repo.owner.login}/${repo.name}`;

/**
 * The body typed as the operation's request shape. Sound because the simulator validates every
 * body against GitHub's schema before any handler runs.
 */
export function bodyAs<T>(ctx: RouteContext): T {
  return ctx.body as T;
}
