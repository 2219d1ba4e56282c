import {
  appendFileSync,
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { DataDirError, unwritable } from "./data-dir-error.js";
import { JournalLock } from "./journal-lock.js";
import { parseJournalRecord, type JournalEntry, type JournalRecord } from "./journal-record.js";
import type { Work } from "./work.js";

export { DataDirError };
export type { JournalEntry };

/** Compaction rewrites the file once it holds this many lines more than the live entries need. */
const COMPACT_SLACK = 1_000;
const JOURNAL_FILE = "queue.jsonl";
const REJECTED_FILE = "queue.rejected.jsonl";
/** After a failed compaction, the next try waits for this many more lines: a full disk is not hammered. */
const COMPACT_RETRY_LINES = 100;

export interface JobJournalOptions {
  /** Where the journal reports what it set aside or could not compact; Node's warning by default. */
  warn?: (message: string) => void;
}

/**
 * The embedded backend's queue on disk, so a crash (kill -9, a power cut) loses no work whose
 * webhook was already answered: GitHub does not redeliver those.
 *
 * Append-only JSON lines, written synchronously and fdatasync'ed before enqueue returns, were
 * chosen over a library: the state is a handful of records (add, retry, done), the file is
 * rewritten whole (write a temp file, fsync, rename) only to compact it, and the embedded
 * storage libraries either rewrite the whole file on every write (lowdb, conf) or need a native
 * build (better-sqlite3).
 *
 * Replay trusts no line: each is validated (journal-record.ts), and one that is no valid record
 * (a torn last line, a zeroed block, a hand edit) is never run: it is set aside, appended to
 * `queue.rejected.jsonl` for a human to read, with a warning naming the count.
 *
 * One process owns a data directory at a time: see journal-lock.ts.
 */
export class JobJournal {
  /** Lines that were no JSON on replay (a write torn by the crash): set aside. */
  readonly skippedLines: number;
  /** Lines that were JSON but no valid record on replay: set aside, never run. */
  readonly rejectedLines: number;
  private readonly live = new Map<number, JournalEntry>();
  private readonly file: string;
  private readonly lock: JournalLock;
  private readonly warn: (message: string) => void;
  private fd: number | undefined;
  private closed = false;
  private nextId = 1;
  private lines = 0;
  private compactAt = COMPACT_SLACK;

  constructor(
    readonly dir: string,
    options: JobJournalOptions = {},
  ) {
    this.file = join(dir, JOURNAL_FILE);
    this.warn = options.warn ?? ((message) => process.emitWarning(message, "PlansyncJournalWarning"));
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw unwritable(dir, error);
    }
    this.lock = new JournalLock(dir);
    try {
      [this.skippedLines, this.rejectedLines] = this.replay();
      this.compact();
    } catch (error) {
      if (this.fd !== undefined) closeSync(this.fd);
      this.lock.release();
      throw error;
    }
  }

  /** What was queued and not done when the last process stopped, oldest first. */
  entries(): JournalEntry[] {
    return [...this.live.values()];
  }

  /** Records new work; durable when this returns (it throws when it cannot be made so). */
  add(key: string, work: Work, dueAt: number): number {
    const id = this.nextId++;
    const entry: JournalEntry = { id, key, work, dueAt, attempt: null };
    this.append({ op: "add", ...entry });
    this.live.set(id, entry);
    return id;
  }

  /** The works wait for another attempt (after `attempt` failed ones) at `dueAt`. */
  retry(ids: readonly number[], attempt: number, dueAt: number): void {
    for (const id of ids) {
      const entry = this.live.get(id);
      if (entry) Object.assign(entry, { attempt, dueAt });
    }
    this.append({ op: "retry", ids: [...ids], attempt, dueAt });
  }

  /**
   * The works are finished (done, or given up after the last attempt): never run again. A
   * compaction that fails here is reported and tried again later: the journal keeps appending
   * to the file it has, so nothing is lost but disk space.
   */
  done(ids: readonly number[]): void {
    for (const id of ids) this.live.delete(id);
    this.append({ op: "done", ids: [...ids] });
    if (this.lines <= this.live.size + this.compactAt) return;
    try {
      this.compact();
      this.compactAt = COMPACT_SLACK;
    } catch (error) {
      this.compactAt = this.lines - this.live.size + COMPACT_RETRY_LINES;
      this.warn(
        `${(error as Error).message} Compacting the journal failed; it keeps growing until a later try succeeds.`,
      );
    }
  }

  /** Closes the file and frees the data directory for the next process. */
  close(): void {
    this.closed = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.lock.release();
  }

  private append(record: JournalRecord): void {
    if (this.closed) throw new Error(`plansync's job journal in "${this.dir}" is closed: nothing more can be queued`);
    // A compaction that renamed its file but could not reopen it left no descriptor: reopen now.
    this.fd ??= this.open();
    try {
      writeSync(this.fd, `${JSON.stringify(record)}\n`);
      fdatasyncSync(this.fd);
    } catch (error) {
      throw unwritable(this.dir, error);
    }
    this.lines++;
  }

  private open(): number {
    try {
      return openSync(this.file, "a");
    } catch (error) {
      throw unwritable(this.dir, error);
    }
  }

  /** Reads the file into `live`; returns the lines set aside: [torn, rejected]. */
  private replay(): [number, number] {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [0, 0];
      throw unwritable(this.dir, error);
    }
    let torn = 0;
    const rejected: string[] = [];
    for (const [index, line] of text.split("\n").entries()) {
      if (line === "") continue;
      const parsed = parseJournalRecord(line);
      if ("problem" in parsed) {
        if (parsed.torn) torn++;
        rejected.push(`${JSON.stringify({ line: index + 1, problem: parsed.problem, text: line })}\n`);
        continue;
      }
      const { record } = parsed;
      if (record.op === "add") {
        const { op: _op, ...entry } = record;
        if (this.live.has(entry.id)) {
          rejected.push(
            `${JSON.stringify({ line: index + 1, problem: `a second add of id ${entry.id}`, text: line })}\n`,
          );
          continue;
        }
        this.live.set(entry.id, entry);
        this.nextId = Math.max(this.nextId, entry.id + 1);
      } else if (record.op === "retry") {
        for (const id of record.ids) {
          const entry = this.live.get(id);
          if (entry) Object.assign(entry, { attempt: record.attempt, dueAt: record.dueAt });
        }
      } else {
        for (const id of record.ids) this.live.delete(id);
      }
    }
    if (rejected.length > 0) this.setAside(rejected, torn);
    return [torn, rejected.length - torn];
  }

  /** Keeps the lines replay could not use, before compaction drops them from the journal. */
  private setAside(rejected: string[], torn: number): void {
    const aside = join(this.dir, REJECTED_FILE);
    try {
      appendFileSync(aside, rejected.join(""));
    } catch (error) {
      throw unwritable(this.dir, error);
    }
    this.warn(
      `plansync's job journal in "${this.dir}" had ${rejected.length} line${rejected.length === 1 ? "" : "s"} that ` +
        `${rejected.length === 1 ? "is" : "are"} no valid record (${torn} torn by a crash): set aside in ${aside}, not run. ` +
        `Work a torn line held was never acknowledged; anything else there was written by something other than plansync.`,
    );
  }

  /**
   * Rewrites the file with the live entries only: atomic (temp file, fsync, rename, fsync the
   * directory). The old file stays open for appends until the rename has replaced it: a
   * compaction that fails leaves the journal as it was, still written.
   */
  private compact(): void {
    const temp = `${this.file}.tmp`;
    try {
      const fd = openSync(temp, "w");
      try {
        const body = this.entries().map((entry) => `${JSON.stringify({ op: "add", ...entry })}\n`);
        writeSync(fd, body.join(""));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing (or nothing removable) was made.
      }
      throw unwritable(this.dir, error);
    }
    // The old descriptor now points at the replaced file: appends go to the new one from here.
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.lines = this.live.size;
    syncDirectory(this.dir);
    this.fd = this.open();
  }
}

/** A rename is durable only once its directory is: fsync it (where the platform allows). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
