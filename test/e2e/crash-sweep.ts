import { randomInt, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHECK_NAME } from "../../src/github/post-check-run.js";
import { readMarker } from "../../src/sync/marker.js";
import { issueStatePayload, pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { SimRequest } from "../sim/request-parse.js";
import { AppProcess, sleep } from "./app-process.js";
import { appCredentials } from "./app-credentials.js";

/**
 * The crash-point sweep (issue #20): a sync of a plan, or a write-back of closed issues, is cut by
 * SIGKILL right after the simulator answered its k-th write; a new process is started on the same
 * queue (the journal's data directory, or the same Redis) and gets no new event. Whatever k, the
 * end state must be the model's: one issue per task, every box equal to its issue's state, every
 * issue's marker recording that state (the write-back's last writes), the sync's check run on the
 * pushed commit (its last write), the doc's bytes as expected, no duplicate. So for every k < n
 * the state at the kill differs from the model, and a restart that resumes nothing fails; the
 * restarted process must also have run the scenario's job itself. Shared by crash-sweep.test.ts
 * (a few k's) and bench/crash-sweep-bench.ts (every k).
 */

export type SweepBackend = "memory" | "redis";
export type Scenario = "sync" | "write-back";

export interface TrialOptions {
  scenario: Scenario;
  backend: SweepBackend;
  /** Tasks in the plan. */
  tasks: number;
  /** Kill after this many of the scenario's writes; null runs it through (the baseline, which counts n). */
  k: number | null;
  redisUrl?: string;
  /** How long the restarted process may take to reach the end state. */
  convergeMs?: number;
}

export interface TrialResult {
  scenario: Scenario;
  backend: SweepBackend;
  k: number | null;
  /** The scenario's writes answered before the kill (k when the kill landed where asked). */
  writesBeforeKill: number;
  /** All of the scenario's writes, both processes. */
  writes: string[];
  /** What differs from the model; empty when the trial passed. */
  problems: string[];
  ms: number;
}

const OWNER = "octo";
const REPO = "plans";
const FULL = `${OWNER}/${REPO}`;
const PATH = "docs/plan.md";
const TOKEN_EXCHANGE = /\/app\/installations\/\d+\/access_tokens$/;
/** Issue creations are throttled 3 s apart in the app; a task's create and close fit this. */
const MS_PER_TASK = 8_000;

/** The plan: every third task ticked (CR-2, CR-5, ...), so a first sync creates closed issues too. */
export function sweepPlan(tasks: number): string {
  const lines = Array.from({ length: tasks }, (_, i) => `- [${i % 3 === 1 ? "x" : " "}] CR-${i + 1} Task ${i + 1}\n`);
  return `# Crash sweep\n\n${lines.join("")}`;
}

/** The write-back closes every open task's issue (CR-1, CR-3, ...): those boxes get ticked, in one commit. */
function toClose(tasks: number): string[] {
  return Array.from({ length: tasks }, (_, i) => i)
    .filter((i) => i % 3 !== 1)
    .map((i) => `CR-${i + 1}`);
}

function tick(plan: string, ids: string[]): string {
  return ids.reduce((doc, id) => doc.replace(`- [ ] ${id} `, `- [x] ${id} `), plan);
}

/** The k's to try for a scenario of n writes: every one for the bench, the edges and the middle for CI. */
export function sweepKs(n: number, mode: "full" | "ci"): number[] {
  if (mode === "full") return Array.from({ length: n }, (_, i) => i + 1);
  return [...new Set([1, Math.ceil(n / 2), n - 1].filter((k) => k >= 1 && k < n))];
}

/** The end state a trial must reach: the doc's bytes, and the commit whose sync reports a check run. */
export interface SweepModel {
  doc: string;
  /** The pushed commit: its sync ends with a completed, successful plansync check run on it. */
  head: string;
}

/**
 * What differs between the repository and the model: one issue per task of the doc, open exactly
 * when its box is, its marker recording that state, no issue for anything else, the doc's bytes,
 * and one completed, successful check run on the pushed commit.
 */
export function endStateProblems(sim: GitHubSim, model: SweepModel): string[] {
  const { doc: expectedDoc, head } = model;
  const problems: string[] = [];
  const runs = sim.checkRuns(FULL).filter((run) => run.name === CHECK_NAME && run.headSha === head);
  const finished = runs.filter((run) => run.status === "completed" && run.conclusion === "success");
  if (finished.length !== 1)
    problems.push(
      `${head.slice(0, 7)} has ${finished.length} completed successful ${CHECK_NAME} check runs ` +
        `(all: ${JSON.stringify(runs.map((run) => [run.status, run.conclusion]))})`,
    );
  const doc = sim.readFile(FULL, "main", PATH);
  if (doc !== expectedDoc)
    problems.push(`the doc is ${JSON.stringify(doc)}; the model says ${JSON.stringify(expectedDoc)}`);
  const boxes = new Map([...expectedDoc.matchAll(/^- \[( |x)\] (CR-\d+) /gm)].map((m) => [m[2]!, m[1] === "x"]));
  const issues = (sim.issues(FULL) as { number: number; state: string; body?: string | null; pull_request?: unknown }[])
    .filter((issue) => !issue.pull_request)
    .map((issue) => ({ ...issue, marker: readMarker(issue.body), id: readMarker(issue.body)?.id }));
  for (const [id, ticked] of boxes) {
    const mine = issues.filter((issue) => issue.id === id);
    if (mine.length !== 1)
      problems.push(`${id} has ${mine.length} issues (${mine.map((i) => `#${i.number}`).join(", ")})`);
    for (const issue of mine) {
      if ((issue.state === "closed") !== ticked)
        problems.push(`${id}'s box is ${ticked ? "ticked" : "open"} but #${issue.number} is ${issue.state}`);
      // The marker is the last agreed state: a write-back cut before it is written leaves it behind.
      if (issue.marker?.state !== issue.state)
        problems.push(`#${issue.number} is ${issue.state} but its marker records ${issue.marker?.state}`);
    }
  }
  for (const issue of issues)
    if (!issue.id || !boxes.has(issue.id))
      problems.push(`#${issue.number} belongs to no task (${issue.id ?? "no marker"})`);
  return problems;
}

/** One trial: start, run the scenario, kill after its k-th write, restart with no new event, check. */
export async function runTrial(options: TrialOptions): Promise<TrialResult> {
  const started = Date.now();
  const { scenario, backend, tasks, k } = options;
  const installationId = randomInt(100_000, 2_000_000_000); // Bottleneck's Redis keys are per installation
  const sim = new GitHubSim();
  sim.addRepo({ owner: OWNER, repo: REPO, installationId, files: { "README.md": "# Plans\n" } });
  const { secret, privateKey } = appCredentials();
  const dataDir = mkdtempSync(join(tmpdir(), "plansync-sweep-"));
  const env: Record<string, string> = {
    WRITE_BACK_DELAY_MS: "300",
    JOB_BACKOFF_MS: "500",
    REDELIVER_INTERVAL_MS: "0",
    RECONCILE_INTERVAL_MS: "0",
    ...(backend === "memory"
      ? { PLANSYNC_DATA_DIR: dataDir }
      : { REDIS_URL: options.redisUrl ?? "", REDIS_PREFIX: `sweep-${randomUUID()}`, JOB_LEASE_MS: "2000" }),
  };
  if (backend === "redis" && !options.redisUrl) throw new Error("The Redis sweep needs a redisUrl");

  // Counts the scenario's writes once armed; kills the process right after answering the k-th.
  let armed = false;
  const writes: string[] = [];
  let app: AppProcess | undefined;
  const onAnswered = (request: SimRequest) => {
    if (!armed || request.method === "GET" || TOKEN_EXCHANGE.test(new URL(request.url).pathname)) return;
    writes.push(`${request.method} ${new URL(request.url).pathname}`);
    if (writes.length === k) app?.child?.kill("SIGKILL");
  };
  const server = await sim.listen(onAnswered);
  const processes: AppProcess[] = [];
  const start = async (name: string) => {
    const next = new AppProcess({ name, secret, privateKey, simPort: server.port, env });
    processes.push(next);
    await next.start();
    return next;
  };
  const problems: string[] = [];
  let writesBeforeKill = 0;
  try {
    app = await start("first");
    const plan = sweepPlan(tasks);
    const { sha, before } = sim.commitFiles(FULL, "main", { [PATH]: plan }, "Add the plan");
    const push = pushPayload({ owner: OWNER, repo: REPO, installationId }, { before, after: sha, added: [PATH] });
    const model: SweepModel = { doc: plan, head: sha };
    if (scenario === "sync") armed = true;
    const answer = await app.deliver("push", push);
    if (answer.status >= 300) throw new Error(`The push was answered ${answer.status}: ${answer.text}`);
    const syncMs = MS_PER_TASK * tasks + 10_000;
    if (scenario === "write-back") {
      await waitForModel(app, sim, model, syncMs, "the first sync");
      await quiet(sim);
      model.doc = tick(plan, toClose(tasks));
      armed = true;
      for (const id of toClose(tasks)) {
        const issue = (sim.issues(FULL) as { number: number; body?: string | null }[]).find(
          (i) => readMarker(i.body)?.id === id,
        )!;
        await sim.actAs("alice", "PATCH", `/repos/${FULL}/issues/${issue.number}`, { state: "closed" });
        const payload = issueStatePayload(
          { owner: OWNER, repo: REPO, installationId },
          sim.issue(FULL, issue.number),
          "closed",
        );
        const closed = await app.deliver("issues", payload);
        if (closed.status >= 300) throw new Error(`issues.closed was answered ${closed.status}: ${closed.text}`);
      }
    }
    const convergeMs = options.convergeMs ?? syncMs + (backend === "redis" ? 90_000 : 0);
    if (k !== null) {
      // The kill comes from onAnswered; a run with fewer than k writes never meets it.
      const first = app;
      await waitUntil(() => writes.length >= k || first.exited !== undefined, syncMs);
      await waitUntil(() => first.exited !== undefined, 5_000);
      writesBeforeKill = writes.length;
      if (writesBeforeKill !== k) problems.push(`${writesBeforeKill} writes were answered before the kill at k = ${k}`);
      if (first.exited?.signal !== "SIGKILL")
        problems.push(`the first process was not killed: ${JSON.stringify(first.exited)}`);
      await app.stop();
      // No new event: the restarted process resumes from its journal (memory) or from Redis.
      app = await start("restarted");
    }
    await waitForModel(app, sim, model, convergeMs, "the end state").catch((error: Error) =>
      problems.push(error.message.split("\n")[0]!),
    );
    await quiet(sim);
    problems.push(...endStateProblems(sim, model));
    // Given no event, only a resumed job can have finished the scenario: the restarted process ran it.
    const kind = scenario === "sync" ? "sync" : "write-back";
    if (k !== null && !app.jsonLines().some((line) => line.msg === `Job ${kind} done`))
      problems.push(`the restarted process ran no ${kind} job: it resumed nothing`);
    if (sim.violations.length > 0) problems.push(`REST violations: ${sim.violations.join("; ")}`);
    if (problems.length > 0) problems.push(`writes: ${writes.join(", ")}`);
  } finally {
    for (const proc of processes) await proc.stop("SIGKILL").catch(() => undefined);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { scenario, backend, k, writesBeforeKill, writes, problems, ms: Date.now() - started };
}

async function waitForModel(app: AppProcess, sim: GitHubSim, model: SweepModel, ms: number, what: string) {
  try {
    await app.waitFor(what, ms, () => (endStateProblems(sim, model).length === 0 ? true : undefined));
  } catch (error) {
    const left = endStateProblems(sim, model);
    throw new Error(`Gave up waiting for ${what} after ${ms} ms: ${left.join("; ")}`, { cause: error });
  }
}

/** Waits until no write came for 2 s (bounded): a late duplicate then shows in the check. */
async function quiet(sim: GitHubSim, ms = 2_000, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  let count = sim.writes().length;
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < ms) {
    await sleep(100);
    const now = sim.writes().length;
    if (now !== count) [count, since] = [now, Date.now()];
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await sleep(20);
}

/** The sweep: a baseline counts n, then one trial per k. Trials run one after another. */
export async function crashSweep(options: {
  scenario: Scenario;
  backend: SweepBackend;
  tasks: number;
  mode: "full" | "ci";
  redisUrl?: string;
  onTrial?: (result: TrialResult) => void;
}): Promise<{ n: number; ks: number[]; results: TrialResult[] }> {
  const baseline = await runTrial({ ...options, k: null });
  options.onTrial?.(baseline);
  if (baseline.problems.length > 0)
    throw new Error(`The ${options.scenario} baseline on ${options.backend} failed: ${baseline.problems.join("; ")}`);
  const n = baseline.writes.length;
  const ks = sweepKs(n, options.mode);
  const results: TrialResult[] = [];
  for (const k of ks) {
    const result = await runTrial({ ...options, k });
    options.onTrial?.(result);
    results.push(result);
  }
  return { n, ks, results };
}
