import { FULL, OWNER, REPO, startApp } from "../test/app/app-harness.js";
import { pushPayload } from "../test/app/webhook-payloads.js";
import type { LoggedRequest } from "../test/sim/github-sim.js";
import { generatePlan } from "./generate-plan.js";
import { countOps, countWrites, labelsInUse, notModified, rateLimited, type WriteCounts } from "./request-counts.js";

export { countOps } from "./request-counts.js";

/** Every scenario's repository carries this config: the config read is a hit, and no `points: N` labels. */
const CONFIG_PATH = ".github/plansync.yml";
const CONFIG = "labels:\n  points: false\n";
const PLAN_PATH = "docs/plan.md";
const FIRST_SYNC_SIZES = [10, 100, 1_000];
const PROSE_SIZES = [100, 1_000];
const NAME_WIDTH = 32;
/** A prose edit: the changed plan and the branch head; a third for slack. Everything else answers 304. */
const PROSE_READ_LIMIT = 5;
/**
 * A first sync: the app's login, the config (repository, then the owner's .github), the branch
 * head, milestones, three listings (managed issues, the app's own, open ones), and one GraphQL
 * query resolving node ids for the creates.
 */
const FIRST_SYNC_READ_LIMIT = 9;

export interface ApiRow {
  scenario: string;
  /** Every request, token exchanges included. */
  requests: number;
  reads: number;
  /** Reads GitHub charges against the rate limit (304s are free). */
  chargedReads: number;
  /** Conditional re-reads answered 304. */
  notModified: number;
  writes: number;
  breakdown: WriteCounts;
  /** Writes over the floor for this scenario (1.00 at the floor); null where the floor is 0. */
  ratio: number | null;
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
      labelsInUse: labelsInUse(app.sim.issues(FULL)),
      ms,
      simMs,
      cpuMs,
      problems,
    };
  } finally {
    app.stop();
  }
}

function row(
  name: string,
  run: Awaited<ReturnType<typeof scenario>>,
  judge: (r: Omit<ApiRow, "target" | "ok" | "ratio">) => { target: string; ok: boolean; floor?: number },
): ApiRow {
  const base = {
    scenario: name,
    requests: run.requests.length,
    reads: run.reads.length,
    chargedReads: rateLimited(run.reads).length,
    notModified: notModified(run.requests).length,
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
  const { floor, ...verdict } = judge(base);
  const ratio = floor ? base.writes / floor : null;
  return { ...base, ...verdict, ratio, ok: verdict.ok && run.problems.length === 0 };
}

/** Plan facts the write target is computed from, read off the generator's output. */
function planFacts(plan: string) {
  return {
    ticked: plan.match(/^- \[[xX]\] /gm)?.length ?? 0,
    milestones: plan.match(/^# Milestone: /gm)?.length ?? 0,
    /** Epic headings become issues of their own (hierarchy.epics: issue, the default). */
    epics: plan.match(/^#+ Epic /gm)?.length ?? 0,
  };
}

/** Every row of the API table; sizes can be cut down for the request-count tests. */
export async function benchApi({
  firstSyncSizes = FIRST_SYNC_SIZES,
  proseSizes = PROSE_SIZES,
}: { firstSyncSizes?: readonly number[]; proseSizes?: readonly number[] } = {}): Promise<ApiRow[]> {
  const rows: ApiRow[] = [];
  const config = { [CONFIG_PATH]: CONFIG };

  const noPlan = await scenario({ ...config, [PLAN_PATH]: generatePlan(10) }, async () => {}, {
    "src/index.ts": "export {};\n",
  });
  rows.push(
    row("push of src/index.ts only", noPlan, (r) => ({ target: "0 requests of any kind", ok: r.requests === 0 })),
  );

  for (const n of proseSizes) {
    const plan = generatePlan(n);
    const issues = n + planFacts(plan).epics;
    const prose = plan.replace("\n\n", "\n\nThis plan was reviewed on Monday; the estimates still hold.\n\n");
    const run = await scenario(
      config,
      async (push, app) => {
        await push({ [PLAN_PATH]: plan });
        const synced = app.sim.issues(FULL).length;
        if (synced !== issues) app.errors.push(new Error(`the first sync made ${synced} issues, not ${issues}`));
        // The first read after the sync's own writes is a 200 by nature (the pages changed); the
        // row measures the steady state, a push on a repository already read since.
        await push({ [PLAN_PATH]: `${plan}\n` });
      },
      { [PLAN_PATH]: prose },
    );
    // The changed plan and the branch head are new; the config, the listing and milestones are 304s.
    rows.push(
      row(`prose edit, ${n.toLocaleString("en-US")} tasks synced`, run, (r) => ({
        target: `0 writes; rate-limited reads <= ${PROSE_READ_LIMIT}`,
        ok: r.writes === 0 && r.chargedReads <= PROSE_READ_LIMIT,
      })),
    );
  }

  for (const n of firstSyncSizes) {
    const text = generatePlan(n);
    const run = await scenario(config, async () => {}, { [PLAN_PATH]: text });
    const facts = planFacts(text);
    rows.push(
      row(`first sync, ${n.toLocaleString("en-US")} tasks`, run, (r) => {
        const b = r.breakdown;
        const creates = n + facts.epics;
        // Syncs of more than 20 changes open the check run in progress first, then complete it.
        const checkWrites = creates + facts.ticked + facts.milestones + run.labelsInUse > 20 ? 2 : 1;
        const floor = creates + facts.ticked + facts.milestones + run.labelsInUse + checkWrites;
        const ok =
          b.issueCreates === creates &&
          b.closes === facts.ticked &&
          b.issueUpdates === b.closes &&
          b.milestones === facts.milestones &&
          b.labels === run.labelsInUse &&
          b.checkRuns === checkWrites &&
          b.subIssueLinks === 0 &&
          b.blockedBy === 0 &&
          b.other === 0 &&
          r.chargedReads <= FIRST_SYNC_READ_LIMIT;
        return {
          floor,
          target:
            `${floor} writes = ${count(creates, "create")} (${n} tasks, ${count(facts.epics, "epic")}) + ` +
            `${count(facts.ticked, "close")} + ${count(facts.milestones, "milestone")} + ` +
            `${count(run.labelsInUse, "label")} + ${checkWrites === 2 ? "check run (started, completed)" : "1 check run"}, ` +
            `no sub-issue call; rate-limited reads <= ${FIRST_SYNC_READ_LIMIT}`,
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

/** Prints the table; returns the scenarios that missed their target (the bench then exits non-zero). */
export function printApi(rows: ApiRow[]): string[] {
  console.log("");
  console.log(
    "API requests: real Probot (throttling and retries off) against the in-memory GitHub (test/sim via nock)",
  );
  console.log(`  every repository has ${CONFIG_PATH} with \`labels: {points: false}\`; plans come from`);
  console.log("  bench/generate-plan.ts (one milestone, an epic heading per 50 tasks, every 10th task ticked) and are");
  console.log("  pushed as docs/plan.md. reads: all of them (GET and GraphQL queries); charged: those GitHub counts");
  console.log("  against the rate limit (a 304 is free); 304: conditional re-reads answered Not Modified;");
  console.log("  writes leave out access-token requests; floor: writes over the fewest this scenario allows");
  const header = [
    "scenario".padEnd(NAME_WIDTH),
    pad("reads", 5),
    pad("charged", 7),
    pad("304", 4),
    pad("writes", 6),
    pad("create", 6),
    pad("update", 6),
    pad("(close)", 7),
    pad("miles", 5),
    pad("label", 5),
    pad("sub", 4),
    pad("check", 5),
    pad("other", 5),
    pad("floor", 5),
    pad("wall", 9),
    " target",
  ];
  console.log(`  ${header.join(" ")}`);
  for (const r of rows) {
    const b = r.breakdown;
    const cells = [
      r.scenario.padEnd(NAME_WIDTH),
      pad(r.reads, 5),
      pad(r.chargedReads, 7),
      pad(r.notModified, 4),
      pad(r.writes, 6),
      pad(b.issueCreates, 6),
      pad(b.issueUpdates, 6),
      pad(`(${b.closes})`, 7),
      pad(b.milestones, 5),
      pad(b.labels, 5),
      pad(b.subIssueLinks, 4),
      pad(b.checkRuns, 5),
      pad(b.other + b.blockedBy, 5),
      pad(r.ratio === null ? "-" : r.ratio.toFixed(2), 5),
      pad(`${r.ms.toFixed(0)} ms`, 9),
      ` ${r.ok ? "met" : "MISSED"}`,
    ];
    console.log(`  ${cells.join(" ")}`);
  }
  console.log("  Targets:");
  for (const r of rows) console.log(`    ${r.scenario.padEnd(NAME_WIDTH)} ${r.target}`);
  console.log("    A first sync's floor: one write per issue (a story is created already under its epic, through");
  console.log("    GraphQL createIssue with parentIssueId), one PATCH {state: closed} per ticked task (GitHub cannot");
  console.log("    create an issue closed), one per milestone and per label, and the check run.");
  console.log(`    Labels created: ${[...new Set(rows.flatMap((r) => r.labelNames))].join(", ") || "none"}.`);
  console.log("  Reads by operation:");
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
  return rows.filter((r) => !r.ok).map((r) => r.scenario);
}
