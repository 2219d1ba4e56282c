import { MemoryWriteBudget, RESUME_CHUNK } from "../src/github/write-budget.js";
import { SHORT_WAIT_MS } from "../src/github/write-budget-plugin.js";
import { syncEta } from "../src/sync/sync-eta.js";
import type { Operation } from "../src/sync/sync-types.js";

/** The first sync: 7,370 tasks, each an issue to create. */
export const FIRST_SYNC_TASKS = 7_370;
/** Octokit's throttling spaces issue creates 3 s apart. */
const CREATE_SPACING_MS = 3_000;
/** A resumed job re-reads the repository (docs, issues) before its first write: generous for 7,370 tasks. */
const RESUME_OVERHEAD_MS = 2 * 60_000;

export interface FirstSyncRun {
  writes: number;
  /** Virtual time from the first write to the last. */
  durationMs: number;
  /** Times the sync paused (its job delayed) for the hour's budget. */
  pauses: number;
}

/**
 * A first sync of `writes` creates under the real budget class on a virtual clock, as the hook
 * and the job run it: a write every CREATE_SPACING_MS; a wait up to SHORT_WAIT_MS slept in place;
 * a longer one a pause, whose job resumes after the budget's `chunkWaitMs` and a re-read.
 */
export function simulateFirstSync(writes: number): FirstSyncRun {
  const budget = new MemoryWriteBudget();
  let now = 0;
  let pauses = 0;
  for (let done = 0; done < writes;) {
    const { waitMs, chunkWaitMs } = budget.reserveNow("bench", "owner/big", now, RESUME_CHUNK);
    if (waitMs === 0) {
      done++;
      if (done < writes) now += CREATE_SPACING_MS;
    } else if (waitMs <= SHORT_WAIT_MS) now += waitMs;
    else {
      pauses++;
      now += chunkWaitMs + RESUME_OVERHEAD_MS;
    }
  }
  return { writes, durationMs: now, pauses };
}

export interface WriteBudgetRow extends FirstSyncRun {
  /** The ETA line the check run, the Action and the CLI show at the start. */
  eta: string | null;
  etaMs: number;
  /** The ETA is present and within 10% of the simulated duration. */
  ok: boolean;
}

export function benchWriteBudget(tasks = FIRST_SYNC_TASKS): WriteBudgetRow {
  const operations = Array.from(
    { length: tasks },
    (_, i) => ({ kind: "create-issue", taskId: `T${i + 1}` }) as Operation,
  );
  const estimate = syncEta(operations, tasks);
  const run = simulateFirstSync(tasks);
  const ok = estimate.eta !== null && Math.abs(estimate.durationMs - run.durationMs) <= 0.1 * run.durationMs;
  return { ...run, eta: estimate.eta, etaMs: estimate.durationMs, ok };
}

/** Prints the row; returns the missed targets (none when `ok`). */
export function printWriteBudget(row: WriteBudgetRow): string[] {
  const hours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;
  console.log(`\nWrite budget: a ${row.writes.toLocaleString("en-US")}-task first sync under GitHub's 500/h limit`);
  console.log(`  ETA line: ${row.eta ?? "(none)"}`);
  console.log(`  simulated duration: ${hours(row.durationMs)} (${row.pauses} pauses); ETA ${hours(row.etaMs)}`);
  console.log(
    `  ETA line for a ${row.writes.toLocaleString("en-US")}-task first sync: present, and within 10% of the simulated duration under a 500/h budget: ${row.ok ? "met" : "MISSED"}`,
  );
  return row.ok ? [] : ["write budget: ETA within 10%"];
}
