import { readMarker } from "../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "../test/app/app-harness.js";
import { issueStatePayload } from "../test/app/webhook-payloads.js";

const DEFAULT_WINDOW_MS = 10_000;

export interface WriteBackRow {
  scenario: string;
  closes: number;
  files: number;
  commits: number;
  reads: number;
  readsPerFile: number;
  writes: number;
  ms: number;
}

const plan = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `- [ ] ${prefix}-${i + 1} Task ${i + 1}\n  - detail\n`).join("");

/** Closes `ids` on GitHub, delivers their webhooks together, and counts what the write-back costs. */
async function measure(
  scenario: string,
  files: Record<string, string>,
  ids: string[],
  windowMs: number,
): Promise<WriteBackRow> {
  const app = startApp({}, { writeBackDelayMs: windowMs });
  try {
    await app.push(files);
    const payloads = [];
    for (const id of ids) {
      const issue = (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === id);
      await app.sim.handle({
        method: "PATCH",
        url: `/repos/${FULL}/issues/${issue.number}`,
        body: JSON.stringify({ state: "closed" }),
      });
      payloads.push(issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, issue.number), "closed"));
    }
    app.sim.resetLog();
    const start = performance.now();
    for (const payload of payloads) await app.deliver("issues", payload);
    await app.idle();
    const ms = performance.now() - start;
    const commits = app.sim.requests.filter(
      (r) => r.operationId === "repos/create-or-update-file-contents" || r.operationId === "git/update-ref",
    ).length;
    const fileReads = app.sim
      .reads()
      .filter((r) => r.operationId === "repos/get-content" && !r.path.includes(".github")).length;
    const touched = new Set(ids.map((id) => id.split("-")[0])).size;
    return {
      scenario,
      closes: ids.length,
      files: touched,
      commits,
      reads: app.sim.reads().length,
      readsPerFile: fileReads / touched,
      writes: app.sim.writes().length,
      ms,
    };
  } finally {
    app.stop();
  }
}

export async function benchWriteBack(): Promise<{ rows: WriteBackRow[]; drift: DriftSweepRow[] }> {
  const one = { "docs/plan.md": plan("WB", 10) };
  const two = { "docs/plan.md": plan("WB", 10), "docs/other.md": plan("OT", 10) };
  const rows = [
    await measure("1 close, 1 file", one, ["WB-1"], 20),
    await measure("5 closes, 1 file", one, ["WB-1", "WB-2", "WB-3", "WB-4", "WB-5"], 20),
    await measure("4 closes, 2 files", two, ["WB-1", "WB-2", "OT-1", "OT-2"], 20),
    await measure("1 close, default window", one, ["WB-1"], DEFAULT_WINDOW_MS),
  ];
  return { rows, drift: await benchDriftSweep() };
}

export function printWriteBack({ rows, drift }: { rows: WriteBackRow[]; drift: DriftSweepRow[] }): void {
  console.log("\nWrite-back: issues.closed → checkbox commit (real Probot, throttling off, simulator via nock)");
  console.log("  scenario                  closes files commits reads file-reads/file writes      time");
  for (const r of rows) {
    console.log(
      `  ${r.scenario.padEnd(25)} ${String(r.closes).padStart(6)} ${String(r.files).padStart(5)} ${String(r.commits).padStart(7)} ${String(r.reads).padStart(5)} ${r.readsPerFile.toFixed(1).padStart(15)} ${String(r.writes).padStart(6)} ${`${r.ms.toFixed(0)} ms`.padStart(9)}`,
    );
  }
  console.log("  Targets: one commit per batch of K closes; at most 3 reads per file.");
  console.log("  writes = the commit (1 contents PUT for one file; tree + commit + ref update for several)");
  console.log("           + 1 issue update per close, recording the agreement in its marker.");
  console.log("  reads include 1 re-read per close just before that update (a human's edit since is kept),");
  console.log("           and 1 pulls list (an open checkbox pull request takes the changes instead).");
  console.log(
    `  The last row uses the default coalescing window (${DEFAULT_WINDOW_MS / 1000} s): the time is window + work.`,
  );
  printDriftSweep(drift);
}

export interface DriftSweepRow {
  scenario: string;
  /** Requests of the push (its sync and the write-backs its drift sweep queued). */
  requests: number;
  writes: number;
  /** Requests the drift sweep caused: the same push with writeBack.enabled false makes the others. */
  sweepRequests: number;
}

const DRIFT_PLAN = "# Plan\n\n- [ ] DS-1 First\n- **DS-2:** A story without a box\n- [ ] DS-3 Third\n";

/**
 * Pushes a change that is no task: to the plan (the sync reads it and has nothing to do), or to
 * another plan file (the plan's text, and so any proposal made from it, stays as it was).
 */
async function pushCost(
  config: string,
  closed: string | null,
  touch: "plan" | "notes",
): Promise<{ requests: number; writes: number }> {
  const app = startApp({ ".github/plansync.yml": config });
  try {
    await app.push({ "docs/plan.md": DRIFT_PLAN });
    if (closed) {
      const issue = (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === closed);
      await app.sim.handle({
        method: "PATCH",
        url: `/repos/${FULL}/issues/${issue.number}`,
        body: JSON.stringify({ state: "closed" }),
      });
      await app.receive(
        "issues",
        issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, issue.number), "closed"),
      );
    }
    await app.push(
      touch === "plan"
        ? { "docs/plan.md": `${DRIFT_PLAN}\nA paragraph that is no task.\n` }
        : { "docs/notes.md": "Notes that are no task.\n" },
    );
    if (app.errors.length) throw new Error(`drift sweep bench: ${String(app.errors[0])}`);
    return { requests: app.sim.requests.length, writes: app.sim.writes().length };
  } finally {
    app.stop();
  }
}

/** What the drift sweep costs a push: where nothing drifted, and where a write-back can never agree. */
async function benchDriftSweep(): Promise<DriftSweepRow[]> {
  const cases: [scenario: string, config: string, closed: string | null, touch: "plan" | "notes"][] = [
    ["nothing drifted", "writeBack:\n  mode: commit\n", null, "plan"],
    ["box-less story closed, insertCheckbox off", "writeBack:\n  insertCheckbox: false\n", "DS-2", "plan"],
    ["open checkbox pull request", "writeBack:\n  mode: pull-request\n", "DS-1", "notes"],
  ];
  const rows: DriftSweepRow[] = [];
  for (const [scenario, config, closed, touch] of cases) {
    const push = await pushCost(config, closed, touch);
    const without = await pushCost(`${config}  enabled: false\n`, closed, touch);
    rows.push({ scenario, ...push, sweepRequests: push.requests - without.requests });
  }
  return rows;
}

function printDriftSweep(rows: DriftSweepRow[]): void {
  console.log("\nDrift sweep: a push that changes no task, after the case below (sync + queued write-backs)");
  console.log("  scenario                                   requests writes sweep-requests");
  for (const r of rows)
    console.log(
      `  ${r.scenario.padEnd(42)} ${String(r.requests).padStart(8)} ${String(r.writes).padStart(6)} ${String(r.sweepRequests).padStart(14)}`,
    );
  const nothing = rows.find((r) => r.scenario === "nothing drifted");
  console.log(`  drift sweep requests per push where nothing drifted: ${nothing?.sweepRequests ?? "n/a"}`);
  console.log("  sweep-requests = requests minus those of the same push with writeBack.enabled false. The pull");
  console.log("  request's push touches another plan file: a push to the plan itself changes what is proposed.");
  console.log("  Targets: 0 sweep requests where nothing drifted; 0 writes where a write-back can never agree.");
}
