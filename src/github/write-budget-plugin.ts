import { MemoryWriteBudget, RESUME_CHUNK, type Reservation, type WriteBudget } from "./write-budget.js";
import { WriteBudgetPause } from "./write-budget-pause.js";
import { RedisWriteBudget, type RedisEval } from "./redis-write-budget.js";

/**
 * Waits up to this long in place for the budget. A minute's window always frees within 60 s, so
 * only the hour's budget pauses a sync: a resume re-reads the repository's whole state, which
 * costs more than a minute's wait.
 */
export const SHORT_WAIT_MS = 60_000;

export interface WriteBudgetOptions {
  budget: WriteBudget;
  /** Whose budget: the App's installation id; the CLI's and the Action's token (one process). */
  installation: string;
  now?: () => number;
  /** Waits in place; `signal` (the request's own) cuts the wait short with its reason. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told when `budget` fails (Redis unreachable) and the write is paced in this process instead. */
  log?: { warn(message: string): void };
}

interface EndpointOptions {
  method?: string;
  url?: string;
  owner?: string;
  repo?: string;
  query?: unknown;
  variables?: { input?: { repositoryId?: unknown } };
  request?: { budgetRepository?: unknown; signal?: AbortSignal };
}

/**
 * GitHub's content-creating writes, which its 80-a-minute and 500-an-hour limits count: writes to
 * issues (comments, labels, sub-issues and dependencies are under /issues), labels, milestones,
 * pull requests, git data and contents, and every GraphQL mutation (`createIssue` and the like).
 * Not check runs: a sync's report and its progress must land even while the budget is spent (the
 * pause report above all), and the few a sync writes fit in the budget's margin. Not token
 * exchanges, which create nothing.
 */
export function isContentCreating(options: EndpointOptions): boolean {
  const method = String(options.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD") return false;
  const url = String(options.url ?? "");
  if (url === "/graphql" || url.endsWith("/graphql"))
    return method === "POST" && typeof options.query === "string" && /^\s*mutation\b/.test(options.query);
  return /^(?:https?:\/\/[^/]+(?:\/api\/v3)?)?\/repos\/[^/]+\/[^/]+\/(?:issues|labels|milestones|pulls|git|contents)(?:\/|$|\?)/.test(
    url,
  );
}

/**
 * The request options a GraphQL mutation passes (`octokit.graphql(query, { ...variables,
 * ...forRepository(repo) })`) so that the budget counts it under its repository, as it counts
 * that repository's REST writes: /graphql names none. Octokit keeps `request` out of the
 * variables and never sends it.
 */
export function forRepository(repo: { owner: string; repo: string }): { request: { budgetRepository: string } } {
  return { request: { budgetRepository: `${repo.owner}/${repo.repo}` } };
}

/**
 * `owner/repo` of a write, for the budget's fairness between repositories: from the REST route,
 * or what a GraphQL mutation says with `forRepository`. A mutation that says nothing is counted
 * under the node id of the repository it writes to (`input.repositoryId`), so two repositories'
 * mutations are never taken for one bulk sync; only one that names neither shares "(graphql)".
 */
export function repoOfRequest(options: EndpointOptions): string {
  if (options.owner && options.repo) return `${options.owner}/${options.repo}`.toLowerCase();
  const match = /\/repos\/([^/{]+)\/([^/{]+)\//.exec(String(options.url ?? ""));
  if (match) return `${match[1]}/${match[2]}`.toLowerCase();
  const named = options.request?.budgetRepository;
  if (typeof named === "string" && named.includes("/")) return named.toLowerCase();
  const node = options.variables?.input?.repositoryId;
  return typeof node === "string" && node !== "" ? `(graphql ${node})` : "(graphql)";
}

interface Hookable {
  hook: { wrap(name: "request", hook: (request: (o: any) => unknown, options: any) => Promise<any>): void };
  log?: { warn(message: string): void };
}

/**
 * Puts every content-creating write of this client through the installation's write budget:
 * admitted at once, after a short wait, or refused with a WriteBudgetPause that stops the sync
 * part-way until a stretch of RESUME_CHUNK writes fits again.
 *
 * A budget that fails (Redis unreachable) must not stop the write: the error would carry no HTTP
 * status and read as "maybe sent" (write-policy.ts `isUncertain`), sending a create into its
 * look-up-and-resend loop for a write that never left. The write is paced by this process's
 * budget instead, with a warning: the installation's other instances are then not counted, and
 * GitHub's own limit (a 403, which pauses the sync) is what remains between them.
 */
export function paceWrites(
  octokit: Hookable,
  { budget, installation, now = Date.now, sleep = delay, log = octokit.log ?? console }: WriteBudgetOptions,
) {
  let degraded = false; // warned once per outage, not once per write
  const reserve = async (repo: string): Promise<Reservation> => {
    try {
      const reservation = await budget.reserve(installation, repo, now(), RESUME_CHUNK);
      degraded = false;
      return reservation;
    } catch (error) {
      if (budget === memoryBudget) throw error;
      if (!degraded)
        log.warn(
          `The write budget shared through Redis failed for installation ${installation} ` +
            `(${error instanceof Error ? error.message : String(error)}); writes are paced by this process's budget ` +
            "alone until Redis answers again. Check that Redis is reachable.",
        );
      degraded = true;
      return memoryBudget.reserve(installation, repo, now(), RESUME_CHUNK);
    }
  };
  octokit.hook.wrap("request", async (request, options: EndpointOptions) => {
    if (!isContentCreating(options)) return request(options);
    const repo = repoOfRequest(options);
    for (;;) {
      const { waitMs, chunkWaitMs } = await reserve(repo);
      if (waitMs === 0) return request(options);
      if (waitMs > SHORT_WAIT_MS) throw new WriteBudgetPause(chunkWaitMs, `${options.method} ${options.url}`);
      await sleep(waitMs, options.request?.signal);
    }
  });
}

/**
 * An in-place wait (at most SHORT_WAIT_MS) that ends early, rejecting with the signal's reason,
 * when the request is aborted. Not unref'd: in the CLI and the Action this timer can be all that
 * keeps the process alive, which would then exit mid-sync; the app's shutdown is bounded by its
 * own deadline (graceful-shutdown.ts), not by this wait.
 */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The process's budgets without Redis: one per process, as GitHub's limit is one per installation. */
const memoryBudget = new MemoryWriteBudget();
const redisBudgets = new WeakMap<object, WriteBudget>();

interface PluginOptions {
  /** Set explicitly (tests, the CLI and the Action): this budget, whatever the throttle says. */
  writeBudget?: WriteBudgetOptions | false;
  throttle?: { enabled?: boolean; connection?: { client?: RedisEval } };
  auth?: { installationId?: number | string };
}

/**
 * The Octokit plugin. The App's installation clients are paced by installation id, through Redis
 * when Probot's throttling shares it (its Bottleneck connection's client), else in this process.
 * Off where throttling is off (the tests and the bench run Probot so), unless `writeBudget` says
 * otherwise, and for the app's own JWT client, which writes no content.
 */
export function writeBudget(octokit: Hookable, given: Record<string, unknown> = {}): void {
  const options = given as PluginOptions;
  if (options.writeBudget === false) return;
  if (options.writeBudget) return paceWrites(octokit, options.writeBudget);
  const installationId = options.auth?.installationId;
  if (options.throttle?.enabled === false || installationId === undefined) return;
  const client = options.throttle?.connection?.client;
  let budget: WriteBudget = memoryBudget;
  if (typeof client?.eval === "function") {
    // REDIS_PREFIX keeps deployments sharing one Redis apart (default-backend.ts `redisPrefix`).
    budget =
      redisBudgets.get(client) ??
      new RedisWriteBudget(client, `${process.env.REDIS_PREFIX || "plansync"}:write-budget`);
    redisBudgets.set(client, budget);
  }
  paceWrites(octokit, { budget, installation: String(installationId) });
}
