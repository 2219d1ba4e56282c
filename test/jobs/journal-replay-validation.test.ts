import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { JobJournal } from "../../src/jobs/job-journal.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { repoKey, type SyncWork, type Work } from "../../src/jobs/work.js";
import { recordingHandler, sleep, syncWork } from "./backends.js";

/**
 * Replay trusts no line of the journal: a record must be one of its three shapes with integer
 * ids, and an add's work must be a Work whose key is the entry's key. A line that is not is set
 * aside in queue.rejected.jsonl, with a warning, and never run; the start goes on.
 */
const dirs: string[] = [];
const opened: MemoryBackend[] = [];
afterEach(() => {
  for (const backend of opened.splice(0)) backend.abandon();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function newDir(lines: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), "plansync-replay-"));
  dirs.push(dir);
  const text = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l)) + "\n").join("");
  writeFileSync(join(dir, "queue.jsonl"), text);
  return dir;
}
function open(dir: string, handler = recordingHandler(0).handler) {
  const warnings: string[] = [];
  const backend = new MemoryBackend({
    dataDir: dir,
    handler,
    onOutcome: () => undefined,
    concurrency: 4,
    attempts: 3,
    backoffMs: 50,
    warn: (message) => warnings.push(message),
  });
  opened.push(backend);
  return { backend, warnings };
}
const rejected = (dir: string) =>
  readFileSync(join(dir, "queue.rejected.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { line: number; problem: string; text: string });
const pathOf = (work: Work) => (work as SyncWork).commits?.[0]?.modified?.[0];

it("sets a line that parses to null aside and starts, instead of throwing a TypeError", () => {
  const dir = newDir([
    "null",
    { op: "add", id: 1, key: "sync:octo/one", work: syncWork("one", "a.md"), dueAt: 0, attempt: null },
  ]);
  const warnings: string[] = [];
  const journal = new JobJournal(dir, { warn: (message) => warnings.push(message) });
  expect(journal.entries().map((entry) => entry.id)).toEqual([1]);
  expect(journal.rejectedLines).toBe(1);
  expect(journal.skippedLines).toBe(0);
  journal.close();
  expect(rejected(dir)).toEqual([{ line: 1, problem: expect.stringContaining("not a journal record"), text: "null" }]);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain("had 1 line that is no valid record (0 torn by a crash)");
  expect(warnings[0]).toContain(join(dir, "queue.rejected.jsonl"));
});

it("sets an add without an id aside: later ids stay numbers and no later work overwrites another", async () => {
  const work = syncWork("one", "a.md");
  const dir = newDir([{ op: "add", key: "sync:octo/one", work, dueAt: 0, attempt: null }]);
  const first = open(dir, () => new Promise<void>(() => undefined)); // hangs: nothing finishes
  await first.backend.enqueue(syncWork("two", "b.md"));
  await first.backend.enqueue(syncWork("three", "c.md"));
  await sleep(20);
  first.backend.abandon(); // crash

  const { runs, handler } = recordingHandler(0);
  const second = open(dir, handler);
  await second.backend.idle();
  expect(runs.flatMap((run) => run.works.map(pathOf)).sort()).toEqual(["b.md", "c.md"]);
  expect(rejected(dir).map((r) => r.line)).toEqual([1]);
  expect(rejected(dir)[0]!.problem).toContain("id");
  expect(first.warnings).toHaveLength(1);
  expect(second.warnings).toEqual([]);
});

it("never runs an entry whose work is for another repository and installation than its key", async () => {
  const forged: SyncWork = { ...syncWork("one", "a.md"), owner: "victim", repo: "private", installationId: 4242 };
  const line = { op: "add", id: 1, key: "sync:octo/one", work: forged, dueAt: 0, attempt: null };
  const dir = newDir([line]);
  const { runs, handler } = recordingHandler(0);
  const { backend, warnings } = open(dir, handler);
  await sleep(100);
  await backend.idle();
  expect(runs.flatMap((run) => run.works).map((w) => repoKey(w as SyncWork))).toEqual([]);
  expect(rejected(dir)).toEqual([
    { line: 1, problem: "its key sync:octo/one is not its work's (sync:victim/private)", text: JSON.stringify(line) },
  ]);
  expect(warnings).toHaveLength(1);
});

it("never hands the handler a work that parses but is no Work", async () => {
  const dir = newDir([
    { op: "add", id: 2, key: "sync:octo/two", work: { kind: "sync" }, dueAt: 0, attempt: null },
    { op: "add", id: 3, key: "sync:octo/three", work: syncWork("three", "c.md"), dueAt: 0, attempt: null },
  ]);
  const { runs, handler } = recordingHandler(0);
  const { backend } = open(dir, handler);
  await sleep(100);
  await backend.idle();
  expect(runs.flatMap((run) => run.works.map(pathOf))).toEqual(["c.md"]);
  expect(rejected(dir).map((r) => r.line)).toEqual([1]);
});

it("rejects ids that are no positive integers, due times that are no numbers, and unknown ops", () => {
  const work = syncWork("one", "a.md");
  const dir = newDir([
    { op: "add", id: 1.5, key: "sync:octo/one", work, dueAt: 0, attempt: null },
    { op: "add", id: 2, key: "sync:octo/one", work, dueAt: "soon", attempt: null },
    { op: "add", id: 3, key: "sync:octo/one", work, dueAt: 0, attempt: -1 },
    { op: "drop", ids: [4] },
    { op: "retry", ids: ["5"], attempt: 1, dueAt: 0 },
    { op: "add", id: 6, key: "sync:octo/one", work, dueAt: 0, attempt: null },
    { op: "add", id: 6, key: "sync:octo/one", work: syncWork("one", "z.md"), dueAt: 0, attempt: null },
  ]);
  const journal = new JobJournal(dir, { warn: () => undefined });
  expect(journal.entries()).toEqual([{ id: 6, key: "sync:octo/one", work, dueAt: 0, attempt: null }]);
  expect(journal.rejectedLines).toBe(6);
  journal.close();
  expect(rejected(dir).map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 7]);
  expect(rejected(dir)[5]!.problem).toBe("a second add of id 6");
});

it("writes no rejected file when every line is valid", () => {
  const dir = newDir([
    { op: "add", id: 1, key: "sync:octo/one", work: syncWork("one", "a.md"), dueAt: 0, attempt: null },
  ]);
  const journal = new JobJournal(dir, { warn: () => undefined });
  expect(journal.rejectedLines).toBe(0);
  journal.close();
  expect(existsSync(join(dir, "queue.rejected.jsonl"))).toBe(false);
});
