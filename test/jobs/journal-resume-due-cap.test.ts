import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { recordingHandler, sleep, syncWork, writeBackWork } from "./backends.js";

/**
 * Resume trusts a journaled due time only as far as the settings reach: when the clock went back
 * between the crash and the start (NTP correcting a clock that ran ahead, a restore onto another
 * host), no resumed window or backoff waits longer than the longest the settings allow.
 */
let dir: string | undefined;
let backend: MemoryBackend | undefined;
afterEach(() => {
  backend?.abandon();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const HOUR = 60 * 60_000;
function journalWith(entries: object[]): string {
  dir = mkdtempSync(join(tmpdir(), "plansync-clock-"));
  writeFileSync(join(dir, "queue.jsonl"), entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
  return dir;
}

it("a resumed push due an hour ahead of the clock runs within the longest backoff (4 x 50 ms)", async () => {
  const started = Date.now();
  const work = syncWork("one", "a.md");
  const data = journalWith([{ op: "add", id: 1, key: "sync:octo/one", work, dueAt: started + HOUR, attempt: null }]);
  const { runs, handler } = recordingHandler(0);
  backend = new MemoryBackend({
    dataDir: data,
    handler,
    onOutcome: () => undefined,
    concurrency: 1,
    attempts: 3,
    backoffMs: 50,
  });
  await sleep(1_000);
  expect(runs.map((run) => run.works)).toEqual([[work]]);
  expect(runs[0]!.start - started).toBeLessThan(1_000);
});

it("a resumed write-back window due an hour ahead waits no longer than the window the settings give (maxWindowMs)", async () => {
  const started = Date.now();
  const work = writeBackWork("one", 7);
  const data = journalWith([
    { op: "add", id: 1, key: "write-back:octo/one", work, dueAt: started + HOUR, attempt: null },
  ]);
  const { runs, handler } = recordingHandler(0);
  backend = new MemoryBackend({
    dataDir: data,
    handler,
    onOutcome: () => undefined,
    concurrency: 1,
    attempts: 1,
    backoffMs: 10,
    maxWindowMs: 600,
  });
  await sleep(300);
  expect(runs).toEqual([]); // the window still holds (600 ms)
  await sleep(1_200);
  expect(runs.map((run) => run.works)).toEqual([[work]]);
  expect(runs[0]!.start - started).toBeGreaterThanOrEqual(550);
});

it("a due time within the settings is kept as journaled", async () => {
  const started = Date.now();
  const work = syncWork("one", "a.md");
  const data = journalWith([{ op: "add", id: 1, key: "sync:octo/one", work, dueAt: started + 400, attempt: 1 }]);
  const { runs, handler } = recordingHandler(0);
  backend = new MemoryBackend({
    dataDir: data,
    handler,
    onOutcome: () => undefined,
    concurrency: 1,
    attempts: 3,
    backoffMs: 1_000,
  });
  await sleep(200);
  expect(runs).toEqual([]);
  await sleep(600);
  expect(runs.map((run) => run.works)).toEqual([[work]]);
});
