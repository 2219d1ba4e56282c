import { neutralizeRequest } from "./neutralize-request.js";
import { budgetPauseMs } from "./write-budget-pause.js";

/**
 * The one write policy every GitHub call goes through: which requests octokit may retry, what a
 * failure means, and how a create whose outcome is unknown is finished without a second copy.
 *
 * - Octokit's retry plugin retries every 5xx and 409. A POST that went through but answered 502
 *   would be sent again and make a second issue or comment, so POSTs are never retried by the
 *   plugin: `sendOnce` looks first, then sends again only if nothing was made.
 * - Conflicts are ours to handle: a 409 on the contents API or a refused ref update needs a
 *   re-read (or the pull-request fallback), never the same request again.
 * - Reads and PATCHes are idempotent: the plugin may retry them.
 */
export const NO_RETRY = { request: { retries: 0 } } as const;

interface RequestOptions {
  method?: string;
  url?: string;
  request?: object & { retries?: number };
}

/** True for requests octokit must not repeat on its own. */
export function mustNotRetry(method: string, url: string): boolean {
  if (method === "POST") return true;
  if (method === "PUT" && url.includes("/contents/")) return true;
  return method === "PATCH" && url.includes("/git/refs/");
}

interface Hookable {
  hook: { before(name: "request", hook: (options: RequestOptions) => void): void };
}

/**
 * An Octokit plugin, so that it holds for every request whoever makes it: applies `mustNotRetry`,
 * and neutralises mentions in everything written (neutralize-request.ts).
 */
export function writePolicy(octokit: Hookable): void {
  octokit.hook.before("request", (options: RequestOptions) => {
    const method = String(options.method);
    const url = String(options.url);
    if (method !== "GET") neutralizeRequest(method, url, options as Record<string, unknown>);
    if (options.request?.retries !== undefined) return;
    if (mustNotRetry(method, url)) options.request = { ...options.request, retries: 0 };
  });
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** The request may or may not have been carried out: a 5xx, a timeout, a dropped connection. */
export function isUncertain(error: unknown): boolean {
  if (budgetPauseMs(error) !== null) return false; // never sent
  const graphql = graphqlErrorsOf(error);
  if (graphql) return graphqlVerdict(graphql) === "internal"; // GitHub answered: definite, unless it failed inside
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

/**
 * GitHub refused this one request for what it says (a 422, a 404 or 410 on a deleted issue, a
 * 400): skip it, report it, and go on. Rate limits, auth failures and 5xx are not refusals.
 */
export function isRefusal(error: unknown): boolean {
  const graphql = graphqlErrorsOf(error);
  if (graphql) return graphqlVerdict(graphql) === "refused" || graphqlVerdict(graphql) === "unsupported";
  const status = statusOf(error);
  return status === 400 || status === 404 || status === 410 || status === 422;
}

/** How many times a create is sent when each attempt's outcome stays unknown. */
const CREATE_ATTEMPTS = 3;

/**
 * Sends a non-idempotent create. When the answer leaves it unknown whether GitHub made the
 * thing, `lookup` looks for it first (by marker, title or body) and only a miss sends again.
 */
export async function sendOnce<T>(send: () => Promise<T>, lookup: () => Promise<T | null>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isUncertain(error) || attempt >= CREATE_ATTEMPTS) throw error;
      const found = await lookup();
      if (found !== null) return found;
    }
  }
}

/** `GitHub answered 422: Validation Failed`, for logs and check runs. */
export function describeError(error: unknown): string {
  const status = statusOf(error);
  const message = messageOf(error);
  return status ? `GitHub answered ${status}: ${message}` : message;
}

/** When GitHub gives no time, a secondary limit is waited out this long (its documented minimum is a minute). */
const SECONDARY_WAIT_MS = 60_000;

type Headers = Record<string, string | undefined>;

/** A REST failure's answer headers, or a GraphQL answer's (octokit's GraphqlResponseError keeps them on itself). */
function headersOf(error: unknown): Headers {
  const e = error as { response?: { headers?: Headers }; headers?: Headers };
  return (e.response?.headers ?? e.headers ?? {}) as Headers;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * GitHub's rate limits: a 429, or a 403 with a time to wait (`retry-after`), a spent quota
 * (`x-ratelimit-remaining: 0`) or a message that says so (secondary limits come without headers).
 */
export function isRateLimit(error: unknown): boolean {
  if (budgetPauseMs(error) !== null) return true; // plansync's own budget (write-budget.ts)
  const graphql = graphqlErrorsOf(error);
  if (graphql) return graphqlVerdict(graphql) === "rate-limited";
  const status = statusOf(error);
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = headersOf(error);
  return (
    headers["retry-after"] !== undefined ||
    headers["x-ratelimit-remaining"] === "0" ||
    /rate limit/i.test(messageOf(error))
  );
}

/**
 * A 403 that is no rate limit: GitHub will not let this token do this (an app without the
 * permission, Actions not allowed to open pull requests). Waiting does not help; a person must.
 */
export function isForbidden(error: unknown): boolean {
  return statusOf(error) === 403 && !isRateLimit(error);
}

/**
 * GitHub's own words for a branch protection rule or a ruleset refusing a commit or a ref update
 * (classic protection says GH006, rulesets GH013). The status says nothing: the contents API
 * answers 409, a ref update 422, and a 403 is as often a rate limit or a missing permission.
 */
const BRANCH_PROTECTION =
  /protected branch|about-protected-branches|repository rule violations|changes must be made through a pull request|required status checks? .*(is|are) expected|approving reviews? (is|are) required|not authorized to push to this branch|cannot (update this protected ref|force-push)|\bGH006\b|\bGH013\b/i;

/** The branch refused the change because of its protection: it must go through a pull request. */
export function isBranchProtectionRefusal(error: unknown): boolean {
  return statusOf(error) !== undefined && !isRateLimit(error) && BRANCH_PROTECTION.test(messageOf(error));
}

/**
 * How long GitHub asks to wait before writing again, when `error` is a rate limit: `retry-after`
 * (secondary limits), or the quota's reset time (`x-ratelimit-remaining: 0`). Null for any other
 * failure. What the throttling plugin could not wait out ends up here: the job resumes later.
 */
export function rateLimitWaitMs(error: unknown, now: number): number | null {
  if (!isRateLimit(error)) return null;
  const budgetWait = budgetPauseMs(error);
  if (budgetWait !== null) return budgetWait;
  const headers = headersOf(error);
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.max(1_000, retryAfter * 1_000);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset)) return Math.max(1_000, reset * 1_000 - now);
  return SECONDARY_WAIT_MS;
}

/** One error of a GraphQL answer, in GitHub's words. */
interface GraphqlError {
  type?: string;
  message?: string;
  extensions?: { code?: string };
}

/**
 * The errors of a GraphQL answer GitHub gave with status 200: octokit's GraphqlResponseError, or
 * the throttling plugin's "GraphQL Rate Limit Exceeded" (which keeps the answer as `data`). Null
 * for anything else: a REST failure has a status, so a 422's `errors` list is never taken for one.
 */
function graphqlErrorsOf(error: unknown): GraphqlError[] | null {
  if (typeof error !== "object" || error === null || statusOf(error) !== undefined) return null;
  const e = error as { errors?: unknown; data?: { errors?: unknown } | null };
  const errors = Array.isArray(e.errors) ? e.errors : Array.isArray(e.data?.errors) ? e.data.errors : null;
  return errors?.filter((x): x is GraphqlError => typeof x === "object" && x !== null) ?? null;
}

/**
 * What the schema lacks, in GitHub's words (graphql-ruby) and graphql-js's: an Enterprise Server
 * older than a field or argument plansync sends. Such a request fails validation, so nothing ran.
 */
const SCHEMA_CODES = new Set(["undefinedField", "argumentNotAccepted", "undefinedType", "undefinedArgument"]);
const SCHEMA_MESSAGE =
  /doesn't exist on type|doesn't accept argument|is not defined (?:on|by)|Cannot query field|Unknown argument|Unknown type/i;
/** GitHub failed inside (its "Something went wrong while executing your query", a timeout): the outcome is unknown. */
const INTERNAL_MESSAGE = /something went wrong|timed? ?out|couldn't respond/i;

/**
 * A GraphQL answer with errors is definite (GitHub read the request and said no), except when it
 * failed inside, which leaves a mutation's outcome unknown like a 5xx does.
 */
function graphqlVerdict(errors: readonly GraphqlError[]): "rate-limited" | "unsupported" | "internal" | "refused" {
  if (errors.some((e) => e.type === "RATE_LIMITED" || /rate limit/i.test(e.message ?? ""))) return "rate-limited";
  const schema = (e: GraphqlError) =>
    SCHEMA_CODES.has(e.extensions?.code ?? "") || SCHEMA_MESSAGE.test(e.message ?? "");
  if (errors.length > 0 && errors.every(schema)) return "unsupported";
  if (errors.some((e) => e.type === "INTERNAL" || INTERNAL_MESSAGE.test(e.message ?? ""))) return "internal";
  return "refused";
}

/**
 * GitHub's GraphQL API lacks what plansync asks of it: the schema has no such field or argument
 * (GitHub Enterprise Server before it), or there is no /graphql at all (a 404 there). Nothing
 * was done; the REST API does it instead.
 */
export function isGraphqlUnsupported(error: unknown): boolean {
  const graphql = graphqlErrorsOf(error);
  if (graphql) return graphqlVerdict(graphql) === "unsupported";
  const url = (error as { request?: { url?: unknown } }).request?.url;
  return statusOf(error) === 404 && typeof url === "string" && /\/graphql(?:\?|$)/.test(url);
}
