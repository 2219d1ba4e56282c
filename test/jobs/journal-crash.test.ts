import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { JobHandler, JobOutcome } from "../../src/jobs/job-backend.js";
import { JobJournal } from "../../src/jobs/job-journal.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import type { SyncWork, Work } from "../../src/jobs/work.js";
import { dataDir } from "../../src/app/default-backend.js";
import { recordingHandler, sleep, syncWork, writeBackWork } from "./backends.js";

/**
 * The embedded backend keeps its queue in a journal under its data directory: a crash (abandon(),
 * or a real process killed with SIGKILL) loses nothing whose enqueue returned, and the next
 * backend on the same directory runs it, once.
 */

const dirs: string[] = [];
const opened: MemoryBackend[] = [];
afterEach(async () => {
  for (const backend of opened.splice(0)) backend.abandon();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "plansync-journal-"));
  dirs.push(dir);
  return dir;
}

function open(
  dir: string,
  handler: JobHandler,
  overrides: { attempts?: number; backoffMs?: number; maxWindowMs?: number } = {},
) {
  const outcomes: JobOutcome[] = [];
  const backend = new MemoryBackend({
    dataDir: dir,
    handler,
    onOutcome: (outcome) => outcomes.push(outcome),
    concurrency: 4,
    attempts: 3,
    backoffMs: 50,
    ...overrides,
  });
  opened.push(backend);
  return { backend, outcomes };
}

const hangs: JobHandler = () => new Promise<void>(() => undefined);
const pathOf = (work: Work) => (work as SyncWork).commits?.[0]?.modified?.[0];
const ran = (runs: { works: Work[] }[]) =>
  runs.flatMap((run) => run.works.map((w) => pathOf(w) ?? `#${(w as any).issues}`));

describe("the embedded backend's journal", () => {
  it("resumes waiting and running work after a crash, and runs each work exactly once more", async () => {
    const dir = newDir();
    const first = open(dir, hangs);
    await first.backend.enqueue(syncWork("one", "a.md")); // starts running, and hangs
    await first.backend.enqueue(syncWork("one", "b.md")); // waits behind it
    await first.backend.enqueue(syncWork("two", "c.md"));
    await sleep(20);
    first.backend.abandon();

    const { runs, handler } = recordingHandler(0);
    const second = open(dir, handler);
    await second.backend.idle();
    expect(ran(runs).sort()).toEqual(["a.md", "b.md", "c.md"]);
    expect(second.outcomes.map((o) => [o.repo, o.outcome, o.attempt])).toEqual(
      expect.arrayContaining([
        ["octo/one", "done", 1],
        ["octo/two", "done", 1],
      ]),
    );
    expect(second.outcomes).toHaveLength(2);
    await second.backend.close();

    const third = recordingHandler(0);
    const next = open(dir, third.handler);
    await sleep(50);
    await next.backend.idle();
    expect(third.runs).toEqual([]);
  });

  it("resumes a retry with its attempt count, at its backoff's due time", async () => {
    const dir = newDir();
    const first = open(
      dir,
      async () => {
        throw new Error("GitHub answered 502");
      },
      { backoffMs: 400 },
    );
    await first.backend.enqueue(syncWork("one", "plan.md"));
    await sleep(30);
    expect(first.outcomes.map((o) => [o.outcome, o.attempt])).toEqual([["retrying", 1]]);
    const failedAt = Date.now();
    first.backend.abandon();

    const { runs, handler } = recordingHandler(0);
    const second = open(dir, handler, { backoffMs: 400 });
    await second.backend.idle();
    expect(ran(runs)).toEqual(["plan.md"]);
    expect(runs[0]!.start - failedAt).toBeGreaterThanOrEqual(300);
    expect(second.outcomes.map((o) => [o.outcome, o.attempt])).toEqual([["done", 2]]);
  });

  it("runs a write-back window at its due time after a crash, with every work that joined it", async () => {
    const dir = newDir();
    const first = open(dir, hangs);
    const openedAt = Date.now();
    await first.backend.enqueue(writeBackWork("one", 1), { delayMs: 400 });
    await first.backend.enqueue(writeBackWork("one", 2), { delayMs: 400 });
    first.backend.abandon();

    const { runs, handler } = recordingHandler(0);
    const second = open(dir, handler, { maxWindowMs: 400 }); // the window the settings give (WRITE_BACK_DELAY_MS)
    await second.backend.idle();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.kind).toBe("write-back");
    expect(runs[0]!.works.flatMap((w) => (w as any).issues)).toEqual([1, 2]);
    expect(runs[0]!.start - openedAt).toBeGreaterThanOrEqual(390);
  });

  it("keeps work enqueued by a process killed with SIGKILL right after its enqueue returned", async () => {
    const dir = newDir();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("./journal-child.ts", import.meta.url)), dir, "4"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error("journal-child.ts never said it had enqueued")), 20_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        if (!chunk.toString().includes("enqueued")) return;
        child.kill("SIGKILL");
        clearTimeout(timeout);
        resolve();
      });
    });
    await new Promise((resolve) => child.once("exit", resolve));
    expect(child.signalCode).toBe("SIGKILL");

    // The dead child's lock is taken over; its work runs here, once.
    const { runs, handler } = recordingHandler(0);
    const next = open(dir, handler);
    await next.backend.idle();
    expect(ran(runs).sort()).toEqual(["plan0.md", "plan1.md", "plan2.md", "plan3.md"]);
  }, 30_000);

  it("skips a torn last line (the crash landed mid-write) and resumes the rest", async () => {
    const dir = newDir();
    const first = open(dir, hangs);
    await first.backend.enqueue(syncWork("one", "a.md"));
    await first.backend.enqueue(syncWork("two", "b.md"));
    first.backend.abandon();
    appendFileSync(join(dir, "queue.jsonl"), '{"op":"add","id":3,"key":"sync:octo/thr');

    const journal = new JobJournal(dir);
    expect(journal.skippedLines).toBe(1);
    expect(journal.entries().map((e) => pathOf(e.work))).toEqual(["a.md", "b.md"]);
    journal.close();
    // Compacted on start: the torn fragment is gone, so later appends cannot glue onto it.
    expect(readFileSync(join(dir, "queue.jsonl"), "utf8").split("\n").filter(Boolean)).toHaveLength(2);

    const { runs, handler } = recordingHandler(0);
    const next = open(dir, handler);
    await next.backend.idle();
    expect(ran(runs).sort()).toEqual(["a.md", "b.md"]);
  });

  it("compacts on start: finished work leaves no lines behind", () => {
    const dir = newDir();
    const journal = new JobJournal(dir);
    const ids = Array.from({ length: 50 }, (_, i) => journal.add("sync:octo/one", syncWork("one", `p${i}.md`), 0));
    journal.done(ids.slice(0, 45));
    journal.close();
    expect(readFileSync(join(dir, "queue.jsonl"), "utf8").split("\n").filter(Boolean)).toHaveLength(51); // 50 adds, one done
    const again = new JobJournal(dir);
    again.close();
    const lines = readFileSync(join(dir, "queue.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([46, 47, 48, 49, 50]);
  });

  it("compacts as it grows: a long-running process's journal stays bounded by the work it holds", () => {
    const dir = newDir();
    const journal = new JobJournal(dir);
    const kept = journal.add("sync:octo/kept", syncWork("kept", "kept.md"), 0);
    for (let i = 0; i < 600; i++) journal.done([journal.add("sync:octo/one", syncWork("one", `p${i}.md`), 0)]);
    journal.close();
    // 1,201 lines were written; compaction left at most its slack (1,000) past the one live entry.
    const lines = readFileSync(join(dir, "queue.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(1_001);
    const reopened = new JobJournal(dir);
    expect(reopened.entries().map((e) => e.id)).toEqual([kept]);
    reopened.close();
  });

  it("refuses a data directory it cannot write, naming it, the errno and PLANSYNC_DATA_DIR", () => {
    const file = join(newDir(), "a-file");
    writeFileSync(file, "not a directory");
    const dir = join(file, "data");
    expect(() => open(dir, hangs)).toThrow(
      `plansync cannot keep its job journal in "${dir}" (ENOTDIR: not a directory, mkdir '${dir}').`,
    );
    expect(() => open(dir, hangs)).toThrow("Set PLANSYNC_DATA_DIR to a directory this process can create and write");
  });

  it("refuses a second instance on the same data directory, naming the pid holding it", () => {
    const dir = newDir();
    open(dir, hangs);
    expect(() => open(dir, hangs)).toThrow(
      `plansync's job journal in "${dir}" is in use by process ${process.pid}: another plansync instance runs on this data directory.`,
    );
  });

  it("takes PLANSYNC_DATA_DIR from the environment, resolved, with .plansync in the working directory by default", () => {
    expect(dataDir({}, "/srv/app")).toBe("/srv/app/.plansync");
    expect(dataDir({ PLANSYNC_DATA_DIR: "" }, "/srv/app")).toBe("/srv/app/.plansync");
    expect(dataDir({ PLANSYNC_DATA_DIR: "state" }, "/srv/app")).toBe("/srv/app/state");
    expect(dataDir({ PLANSYNC_DATA_DIR: "/var/lib/plansync" }, "/srv/app")).toBe("/var/lib/plansync");
  });

  it("resumes, after any sequence of enqueues, failures, completions and crashes, every work not completed, and no completed one", async () => {
    type Step = { op: "enqueue"; repo: number; fail: boolean } | { op: "settle" } | { op: "crash" };
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant("enqueue" as const), repo: fc.nat(2), fail: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("settle" as const) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("crash" as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps) => {
        const dir = newDir();
        let tag = 0;
        const completed = new Set<string>();
        const failedOnce = new Set<string>();
        const toFail = new Set<string>();
        let runsAfterCrash: string[] = [];
        let generation = 0;
        const handlerFor =
          (gen: number): JobHandler =>
          async (_kind, works) => {
            await sleep(2);
            const paths = works.map((w) => pathOf(w)!);
            if (gen !== generation) return new Promise<void>(() => undefined); // the crashed process
            runsAfterCrash.push(...paths);
            const failing = paths.filter((p) => toFail.has(p) && !failedOnce.has(p));
            if (failing.length > 0) {
              for (const p of failing) failedOnce.add(p);
              throw new Error(`fails once: ${failing.join(", ")}`);
            }
            for (const p of paths) completed.add(p);
          };
        let current = open(dir, handlerFor(generation), { attempts: 5, backoffMs: 5 });
        const enqueued: string[] = [];
        for (const s of steps) {
          if (s.op === "enqueue") {
            const path = `w${tag++}.md`;
            if (s.fail) toFail.add(path);
            enqueued.push(path);
            await current.backend.enqueue(syncWork(`r${s.repo}`, path));
          } else if (s.op === "settle") {
            await current.backend.idle();
          } else {
            await sleep(1);
            const notDone = enqueued.filter((p) => !completed.has(p));
            const done = new Set(completed);
            current.backend.abandon();
            generation++;
            runsAfterCrash = [];
            current = open(dir, handlerFor(generation), { attempts: 5, backoffMs: 5 });
            await current.backend.idle();
            // At least once: every work not completed before the crash ran again after it.
            for (const p of notDone) expect(runsAfterCrash).toContain(p);
            // A completed work is not run again (none is enqueued twice).
            for (const p of runsAfterCrash) expect(done.has(p)).toBe(false);
          }
        }
        await current.backend.idle();
        expect(enqueued.filter((p) => !completed.has(p))).toEqual([]);
        current.backend.abandon();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
