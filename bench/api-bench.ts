import { FULL, OWNER, REPO, startApp } from "../test/app/app-harness.js";
import { pushPayload } from "../test/app/webhook-payloads.js";
import type { LoggedRequest } from "../test/sim/github-sim.js";
import { generatePlan } from "./generate-plan.js";

/** Every scenario's repository carries this config: the config read is a hit, and no `points: N` labels. */
const CONFIG_PATH = ".github/plansync.yml";
const CONFIG = "labels:\n  points: false\n";
const PLAN_PATH = "docs/plan.md";
const FIRST_SYNC_SIZES = [10, 100, 1_000];
const PROSE_SIZES = [100, 1_000];
const NAME_WIDTH = 32;

export interface WriteCounts {
  issueCreates: number;
  /** PATCHes of an issue; `closes` of them set `state: closed`. */
  issueUpdates: number;
  closes: number;
  milestones: number;
  labels: number;
  checkRuns: number;
  other: number;
}

export interface ApiRow {
  scenario: string;
  /** Every request, token exchanges included. */
  requests: number;
  reads: number;
  writes: number;
  breakdown: WriteCounts;
  /** operationId → count of GET requests. */
  readOps: Map<string, number>;
  /** The target, in words, and whether the counts meet it. */
  target: string;
  ok: boolean;
  /** Wall time of the measured webhook, queue drained, in ms; `simMs` of it spent inside the simulator. */
  ms: number;
  simMs: number;
  /** CPU time (user + system) of this process over the same span, in ms. */
  cpuMs: number;
  /** Names of the labels created. */
  labelNames: string[];
  /** Simulator violations and failed syncs: any of these makes the counts meaningless. */
  problems: string[];
}

/** A fresh app per scenario, so that no cache (installation token, config) carries over between them. */
async function scenario(
  files: Record<string, string>,
  setup: (
    push: (changes: Record<string, string>) => Promise<number>,
    app: ReturnType<typeof startApp>,
  ) => Promise<void>,
  measured: Record<string, string>,
) {
  const app = startApp(files);
  let simMs = 0;
  let cpuMs = 0;
  const handle = app.sim.handle.bind(app.sim);
  app.sim.handle = async (request) => {
    const start = process.hrtime.bigint();
    try {
      return await handle(request);
    } finally {
      simMs += Number(process.hrtime.bigint() - start) / 1e6;
    }
  };
  try {
    const push = async (changes: Record<string, string>) => {
      const { sha, before } = app.sim.commitFiles(FULL, "main", changes, "Update plans");
      const payload = pushPayload({ owner: OWNER, repo: REPO }, { before, after: sha, modified: Object.keys(changes) });
      app.sim.resetLog();
      const start = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      await app.receive("push", payload);
      const used = process.cpuUsage(cpu);
      cpuMs = (used.user + used.system) / 1000;
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await setup(push, app);
    simMs = 0;
    const ms = await push(measured);
    const problems = [...app.sim.violations, ...app.errors.map((e) => `sync failed: ${String(e)}`)];
    return {
      requests: [...app.sim.requests],
      reads: app.sim.reads(),
      writes: app.sim.writes(),
      ms,
      simMs,
      cpuMs,
      problems,
    };
  } finally {
    app.stop();
  }
}

function countWrites(writes: readonly LoggedRequest[]): WriteCounts {
  const counts: WriteCounts = {
    issueCreates: 0,
    issueUpdates: 0,
    closes: 0,
    milestones: 0,
    labels: 0,
    checkRuns: 0,
    other: 0,
  };
  for (const w of writes) {
    const op = w.operationId ?? "";
    if (op === "issues/create") counts.issueCreates++;
    else if (op === "issues/update") {
      counts.issueUpdates++;
      if ((w.body as { state?: string } | undefined)?.state === "closed") counts.closes++;
    } else if (op === "issues/create-milestone" || op === "issues/update-milestone") counts.milestones++;
    else if (op === "issues/create-label" || op === "issues/update-label") counts.labels++;
    else if (op.startsWith("checks/")) counts.checkRuns++;
    else counts.other++;
  }
  return counts;
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

function row(
  name: string,
  run: Awaited<ReturnType<typeof scenario>>,
  judge: (r: Omit<ApiRow, "target" | "ok">) => { target: string; ok: boolean },
): ApiRow {
  const base = {
    scenario: name,
    requests: run.requests.length,
    reads: run.reads.length,
    writes: run.writes.length,
    breakdown: countWrites(run.writes),
    readOps: countOps(run.reads),
    ms: run.ms,
    simMs: run.simMs,
    cpuMs: run.cpuMs,
    labelNames: run.writes
      .filter((w) => w.operationId === "issues/create-label")
      .map((w) => String((w.body as { name?: string }).name)),
    problems: run.problems,
  };
  const verdict = judge(base);
  return { ...base, ...verdict, ok: verdict.ok && run.problems.length === 0 };
}

/** Plan facts the write target is computed from, read off the generator's output. */
function planFacts(plan: string) {
  return {
    ticked: plan.match(/^- \[[xX]\] /gm)?.length ?? 0,
    milestones: plan.match(/^# Milestone: /gm)?.length ?? 0,
  };
}

/** Labels the created issues carry: what the label writes should amount to on a first sync. */
function labelsOnCreates(writes: readonly LoggedRequest[]): number {
  const names = new Set<string>();
  for (const w of writes)
    if (w.operationId === "issues/create") for (const l of (w.body as { labels?: string[] }).labels ?? []) names.add(l);
  return names.size;
}

export async function benchApi(): Promise<ApiRow[]> {
  const rows: ApiRow[] = [];
  const config = { [CONFIG_PATH]: CONFIG };

  const noPlan = await scenario({ ...config, [PLAN_PATH]: generatePlan(10) }, async () => {}, {
    "src/index.ts": "export {};\n",
  });
  rows.push(
    row("push of src/index.ts only", noPlan, (r) => ({ target: "0 requests of any kind", ok: r.requests === 0 })),
  );

  for (const n of PROSE_SIZES) {
    const plan = generatePlan(n);
    const prose = plan.replace("\n\n", "\n\nThis plan was reviewed on Monday; the estimates still hold.\n\n");
    const run = await scenario(
      config,
      async (push, app) => {
        await push({ [PLAN_PATH]: plan });
        const synced = app.sim.issues(FULL).length;
        if (synced !== n) app.errors.push(new Error(`the first sync made ${synced} issues, not ${n}`));
      },
      { [PLAN_PATH]: prose },
    );
    // 3 (config, file, milestones) + 1 branch head (a stale push never rolls back) + the listing.
    const readLimit = 4 + Math.ceil(n / 100);
    rows.push(
      row(`prose edit, ${n.toLocaleString("en-US")} tasks synced`, run, (r) => ({
        target: `0 writes; reads <= 4 + ${readLimit - 4}`,
        ok: r.writes === 0 && r.reads <= readLimit,
      })),
    );
  }

  for (const n of FIRST_SYNC_SIZES) {
    const text = generatePlan(n);
    const run = await scenario(config, async () => {}, { [PLAN_PATH]: text });
    const facts = planFacts(text);
    const labels = labelsOnCreates(run.writes);
    // As a re-sync, plus the app's login (once per process) and the listing by creator that runs
    // before any create, so an issue whose label was removed is never made twice.
    const readLimit = 6 + Math.ceil(n / 100);
    rows.push(
      row(`first sync, ${n.toLocaleString("en-US")} tasks`, run, (r) => {
        const b = r.breakdown;
        // Syncs of more than 20 changes open the check run in progress first, then complete it.
        const checkWrites = n + facts.ticked + facts.milestones + labels > 20 ? 2 : 1;
        const expected = n + facts.ticked + facts.milestones + labels + checkWrites;
        const ok =
          b.issueCreates === n &&
          b.closes === facts.ticked &&
          b.issueUpdates === b.closes &&
          b.milestones === facts.milestones &&
          b.labels === labels &&
          b.checkRuns === checkWrites &&
          b.other === 0 &&
          r.reads <= readLimit;
        return {
          target:
            `${expected} writes = ${count(n, "create")} + ${count(facts.ticked, "close")} + ` +
            `${count(facts.milestones, "milestone")} + ${count(labels, "label")} + ` +
            `${checkWrites === 2 ? "check run (started, completed)" : "1 check run"}; ` +
            `reads <= 6 + ${readLimit - 6}`,
          ok,
        };
      }),
    );
  }
  return rows;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

export function printApi(rows: ApiRow[]): void {
  console.log("");
  console.log(
    "API requests: real Probot (throttling and retries off) against the in-memory GitHub (test/sim via nock)",
  );
  console.log(`  every repository has ${CONFIG_PATH} with \`labels: {points: false}\`: the config read is a hit and`);
  console.log("  the only label is `plansync`; plans come from bench/generate-plan.ts (one milestone, every 10th task");
  console.log("  ticked) and are pushed as docs/plan.md; reads are GETs, writes leave out access-token requests");
  const header = [
    "scenario".padEnd(NAME_WIDTH),
    pad("reads", 5),
    pad("writes", 6),
    pad("create", 6),
    pad("update", 6),
    pad("(close)", 7),
    pad("miles", 5),
    pad("label", 5),
    pad("check", 5),
    pad("other", 5),
    pad("wall", 9),
    " target",
  ];
  console.log(`  ${header.join(" ")}`);
  for (const r of rows) {
    const b = r.breakdown;
    const cells = [
      r.scenario.padEnd(NAME_WIDTH),
      pad(r.reads, 5),
      pad(r.writes, 6),
      pad(b.issueCreates, 6),
      pad(b.issueUpdates, 6),
      pad(`(${b.closes})`, 7),
      pad(b.milestones, 5),
      pad(b.labels, 5),
      pad(b.checkRuns, 5),
      pad(b.other, 5),
      pad(`${r.ms.toFixed(0)} ms`, 9),
      ` ${r.ok ? "met" : "MISSED"}`,
    ];
    console.log(`  ${cells.join(" ")}`);
  }
  const labels = [...new Set(rows.flatMap((r) => r.labelNames))];
  console.log("  Targets:");
  for (const r of rows) console.log(`    ${r.scenario.padEnd(NAME_WIDTH)} ${r.target}`);
  console.log(
    "    The brief's first-sync target is N issue creates + milestones + labels (+1 check run). The N creates",
  );
  console.log(
    "    are met exactly; the closes are extra by necessity, one PATCH {state: closed} per ticked task (every",
  );
  console.log('    10th), since GitHub cannot create an issue already closed. "met" also requires no other PATCH.');
  console.log(`    Labels created: ${[...new Set(rows.flatMap((r) => r.labelNames))].join(", ") || "none"}.`);
  console.log("  Reads by operation (GET):");
  for (const r of rows) {
    const ops = [...r.readOps].map(([op, count]) => `${op} x${count}`).join(", ");
    console.log(`    ${r.scenario.padEnd(NAME_WIDTH)} ${ops || "none"}`);
  }
  const largest = rows.filter((r) => r.scenario.startsWith("first sync")).at(-1)!;
  const tokens = largest.requests - largest.reads - largest.writes;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `  wall time, ${largest.scenario}, throttling off: ${seconds(largest.ms)} for ${largest.requests} requests ` +
      `(${largest.reads} reads, ${largest.writes} writes, ${tokens} access token)`,
  );
  console.log(
    `    ${(largest.ms / largest.requests).toFixed(1)} ms a request; CPU time ${seconds(largest.cpuMs)}, of which ` +
      `${seconds(largest.simMs)} inside the simulator (OpenAPI validation included).`,
  );
  console.log(
    "    The rest is waiting: nock answers each request after two setTimeout(0) calls (at least 1 ms each, so " +
      `>= ${((2 * largest.requests) / 1000).toFixed(1)} s`,
  );
  console.log(`    over ${largest.requests} sequential requests), and other processes may share the CPU.`);
  for (const r of rows)
    for (const problem of r.problems) console.log(`  PROBLEM in "${r.scenario}": ${problem.slice(0, 300)}`);
}
