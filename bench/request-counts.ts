import type { LoggedRequest } from "../test/sim/github-sim.js";

/**
 * How the bench sorts the simulator's request log. Counts are exact, so the same functions serve
 * the request-count tests (test/bench) and the printed tables.
 */

/** The installation token exchange: made with the app's JWT, it touches no repository. */
const TOKEN_OPERATION = "apps/create-installation-access-token";

/** A request that changes something on GitHub: any non-GET but GraphQL queries and token exchanges. */
export function isWrite(r: LoggedRequest): boolean {
  return r.method !== "GET" && r.operationId !== TOKEN_OPERATION && !r.operationId?.startsWith("graphql:query");
}

export interface WriteCounts {
  /** REST `issues/create` and GraphQL `createIssue`. */
  issueCreates: number;
  /** PATCHes of an issue; `closes` of them set `state: closed`. */
  issueUpdates: number;
  closes: number;
  milestones: number;
  labels: number;
  /** Blocked-by links. */
  blockedBy: number;
  /** Sub-issue links and reorders sent after a create: the floor has none on a first sync. */
  subIssueLinks: number;
  checkRuns: number;
  other: number;
}

const SUB_ISSUE_WRITES = new Set([
  "issues/add-sub-issue",
  "issues/reprioritize-sub-issue",
  "issues/remove-sub-issue",
  "graphql:mutation:addSubIssue",
]);

export function countWrites(writes: readonly LoggedRequest[]): WriteCounts {
  const counts: WriteCounts = {
    issueCreates: 0,
    issueUpdates: 0,
    closes: 0,
    milestones: 0,
    labels: 0,
    blockedBy: 0,
    subIssueLinks: 0,
    checkRuns: 0,
    other: 0,
  };
  for (const w of writes) {
    const op = w.operationId ?? "";
    if (op === "issues/create" || op === "graphql:mutation:createIssue") counts.issueCreates++;
    else if (op === "issues/update") {
      counts.issueUpdates++;
      if ((w.body as { state?: string } | undefined)?.state === "closed") counts.closes++;
    } else if (op === "issues/create-milestone" || op === "issues/update-milestone") counts.milestones++;
    else if (op === "issues/create-label" || op === "issues/update-label") counts.labels++;
    else if (op === "issues/add-blocked-by-dependency") counts.blockedBy++;
    else if (SUB_ISSUE_WRITES.has(op)) counts.subIssueLinks++;
    else if (op.startsWith("checks/")) counts.checkRuns++;
    else counts.other++;
  }
  return counts;
}

/** Requests GitHub charges against the installation's primary rate limit: all but 304s and token exchanges. */
export function rateLimited(requests: readonly LoggedRequest[]): LoggedRequest[] {
  return requests.filter((r) => r.status !== 304 && r.operationId !== TOKEN_OPERATION);
}

/** Conditional re-reads GitHub answered `304 Not Modified`: free. */
export function notModified(requests: readonly LoggedRequest[]): LoggedRequest[] {
  return requests.filter((r) => r.status === 304);
}

/** operationId → how many of the requests had it. */
export function countOps(requests: readonly LoggedRequest[]): Map<string, number> {
  const ops = new Map<string, number>();
  for (const r of requests) {
    const key = r.operationId ?? `${r.method} ${r.path} (undescribed)`;
    ops.set(key, (ops.get(key) ?? 0) + 1);
  }
  return ops;
}

/** Distinct labels on the repository's issues: what a first sync's label writes amount to. */
export function labelsInUse(issues: readonly { labels: readonly (string | { name?: string })[] }[]): number {
  const names = new Set<string>();
  for (const issue of issues) for (const l of issue.labels) names.add(typeof l === "string" ? l : (l.name ?? ""));
  return names.size;
}
