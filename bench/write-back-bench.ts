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

export async function benchWriteBack(): Promise<WriteBackRow[]> {
  const one = { "docs/plan.md": plan("WB", 10) };
  const two = { "docs/plan.md": plan("WB", 10), "docs/other.md": plan("OT", 10) };
  return [
    await measure("1 close, 1 file", one, ["WB-1"], 20),
    await measure("5 closes, 1 file", one, ["WB-1", "WB-2", "WB-3", "WB-4", "WB-5"], 20),
    await measure("4 closes, 2 files", two, ["WB-1", "WB-2", "OT-1", "OT-2"], 20),
    await measure("1 close, default window", one, ["WB-1"], DEFAULT_WINDOW_MS),
  ];
}

export function printWriteBack(rows: WriteBackRow[]): void {
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
  console.log(
    `  The last row uses the default coalescing window (${DEFAULT_WINDOW_MS / 1000} s): the time is window + work.`,
  );
}
