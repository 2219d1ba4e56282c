import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { JobJournal } from "../../src/jobs/job-journal.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { recordingHandler, syncWork } from "./backends.js";

/**
 * A compaction that fails (ENOSPC, EIO, EMFILE...; here: a `queue.jsonl.tmp` it cannot open)
 * keeps the journal written: the old file stays open until a rename replaces it, done() reports
 * the failure instead of throwing (it runs inside a job, where a throw crashed the process), and
 * a later done() compacts once the fault is gone.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "plansync-compact-"));
  dirs.push(dir);
  return dir;
}
const records = (dir: string) =>
  readFileSync(join(dir, "queue.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { op: string; id?: number; ids?: number[] });

it("keeps journaling after a failed compaction: an add that returned is on disk, and a later done() compacts", () => {
  const dir = newDir();
  const warnings: string[] = [];
  const journal = new JobJournal(dir, { warn: (message) => warnings.push(message) });
  const ids: number[] = [];
  for (let i = 0; i < 1_001; i++) ids.push(journal.add(`sync:octo/r${i}`, syncWork(`r${i}`, "a.md"), 0));
  mkdirSync(join(dir, "queue.jsonl.tmp")); // the compaction done() starts cannot open its temp file
  expect(() => journal.done(ids)).not.toThrow();
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`plansync cannot keep its job journal in "${dir}" (EISDIR`);
  expect(warnings[0]).toContain("Compacting the journal failed; it keeps growing until a later try succeeds.");
  rmdirSync(join(dir, "queue.jsonl.tmp")); // the fault is gone (space freed)

  const id = journal.add("sync:octo/later", syncWork("later", "later.md"), 0);
  expect(records(dir).filter((r) => r.op === "add" && r.id === id)).toHaveLength(1);
  expect(records(dir)).toHaveLength(1_003); // 1,001 adds, the done, the later add: not compacted yet

  // The retry waits for 100 more lines than the failed try had, then compacts down to the live entry.
  const churn = () => journal.done([journal.add("sync:octo/churn", syncWork("churn", "c.md"), 0)]);
  for (let i = 0; i < 50; i++) churn();
  expect(records(dir)).toHaveLength(1_103);
  churn();
  expect(records(dir)).toEqual([expect.objectContaining({ op: "add", id })]);
  expect(warnings).toHaveLength(1);
  journal.close();

  const reopened = new JobJournal(dir);
  expect(reopened.entries().map((entry) => entry.id)).toEqual([id]);
  reopened.close();
});

it("an add after close throws instead of returning as if durable", () => {
  const journal = new JobJournal(newDir());
  journal.close();
  expect(() => journal.add("sync:octo/one", syncWork("one", "a.md"), 0)).toThrow(
    /is closed: nothing more can be queued/,
  );
});

it("a job whose outcome cannot be journaled is reported, and does not crash the process", async () => {
  const dir = newDir();
  const warnings: string[] = [];
  const { runs, handler } = recordingHandler(0);
  const backend = new MemoryBackend({
    dataDir: dir,
    handler,
    onOutcome: () => undefined,
    concurrency: 1,
    attempts: 3,
    backoffMs: 50,
    warn: (message) => warnings.push(message),
  });
  // The journal's file turns read-only under it (a remount after a disk error): the done record's
  // write fails (EBADF).
  const journal = (backend as unknown as { journal: { fd: number } }).journal;
  await backend.enqueue(syncWork("one", "a.md"));
  closeSync(journal.fd);
  journal.fd = openSync(join(dir, "queue.jsonl"), "r");
  await backend.idle();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(runs).toHaveLength(1);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain("EBADF");
  expect(warnings[0]).toContain("(while recording the outcome of sync:octo/one)");
  backend.abandon();
});
