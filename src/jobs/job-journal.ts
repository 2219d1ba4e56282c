import {
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
import type { Work } from "./work.js";

/** One piece of queued work as the journal keeps it until it is done. */
export interface JournalEntry {
  id: number;
  key: string;
  work: Work;
  /** When it may run (epoch ms): its key's window or its retry's backoff. */
  dueAt: number;
  /** Failed attempts so far when it waits as a retry; null while it waits as fresh work. */
  attempt: number | null;
}

type JournalRecord =
  | ({ op: "add" } & JournalEntry)
  | { op: "retry"; ids: number[]; attempt: number; dueAt: number }
  | { op: "done"; ids: number[] };

/** Compaction rewrites the file once it holds this many lines more than the live entries need. */
const COMPACT_SLACK = 1_000;
const JOURNAL_FILE = "queue.jsonl";
const LOCK_FILE = "queue.lock";

/** Data directories locked by this process: a second backend here on the same one is refused too. */
const lockedHere = new Set<string>();

/**
 * The embedded backend's queue on disk, so a crash (kill -9, a power cut) loses no work whose
 * webhook was already answered: GitHub does not redeliver those.
 *
 * Append-only JSON lines, written synchronously and fdatasync'ed before enqueue returns, were
 * chosen over a library: the state is a handful of records (add, retry, done), the file is
 * rewritten whole (write a temp file, fsync, rename) only to compact it, and the embedded
 * storage libraries either rewrite the whole file on every write (lowdb, conf) or need a native
 * build (better-sqlite3). A torn last line (the crash landed mid-write) is skipped on replay.
 *
 * One process owns a data directory at a time: `queue.lock` holds its pid, and a lock whose pid
 * is dead (the process was killed) is taken over.
 */
export class JobJournal {
  /** Lines that did not parse on replay: a torn write at the crash, skipped. */
  readonly skippedLines: number;
  private readonly live = new Map<number, JournalEntry>();
  private readonly file: string;
  private readonly lock: string;
  private fd: number | undefined;
  private nextId = 1;
  private lines = 0;

  constructor(readonly dir: string) {
    this.file = join(dir, JOURNAL_FILE);
    this.lock = join(dir, LOCK_FILE);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw unwritable(dir, error);
    }
    this.takeLock();
    try {
      this.skippedLines = this.replay();
      this.compact();
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** What was queued and not done when the last process stopped, oldest first. */
  entries(): JournalEntry[] {
    return [...this.live.values()];
  }

  /** Records new work; durable when this returns. */
  add(key: string, work: Work, dueAt: number): number {
    const id = this.nextId++;
    const entry: JournalEntry = { id, key, work, dueAt, attempt: null };
    this.live.set(id, entry);
    this.append({ op: "add", ...entry });
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

  /** The works are finished (done, or given up after the last attempt): never run again. */
  done(ids: readonly number[]): void {
    for (const id of ids) this.live.delete(id);
    this.append({ op: "done", ids: [...ids] });
    if (this.lines > this.live.size + COMPACT_SLACK) this.compact();
  }

  /** Closes the file and frees the data directory for the next process. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.release();
  }

  private append(record: JournalRecord): void {
    if (this.fd === undefined) return; // closed: as after a crash, nothing more is written
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fdatasyncSync(this.fd);
    this.lines++;
  }

  private replay(): number {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw unwritable(this.dir, error);
    }
    let skipped = 0;
    for (const line of text.split("\n")) {
      if (line === "") continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        skipped++;
        continue;
      }
      if (record.op === "add") {
        const { op: _op, ...entry } = record;
        this.live.set(entry.id, entry);
        this.nextId = Math.max(this.nextId, entry.id + 1);
      } else if (record.op === "retry") {
        for (const id of record.ids) {
          const entry = this.live.get(id);
          if (entry) Object.assign(entry, { attempt: record.attempt, dueAt: record.dueAt });
        }
      } else if (record.op === "done") {
        for (const id of record.ids) this.live.delete(id);
      }
    }
    return skipped;
  }

  /** Rewrites the file with the live entries only: atomic (temp file, fsync, rename, fsync the directory). */
  private compact(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const temp = `${this.file}.tmp`;
    try {
      const fd = openSync(temp, "w");
      const body = this.entries().map((entry) => `${JSON.stringify({ op: "add", ...entry })}\n`);
      writeSync(fd, body.join(""));
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temp, this.file);
      syncDirectory(this.dir);
      this.fd = openSync(this.file, "a");
    } catch (error) {
      throw unwritable(this.dir, error);
    }
    this.lines = this.live.size;
  }

  private takeLock(): void {
    for (let tries = 0; tries < 2; tries++) {
      try {
        const fd = openSync(this.lock, "wx");
        writeSync(fd, String(process.pid));
        fsyncSync(fd);
        closeSync(fd);
        lockedHere.add(this.dir);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw unwritable(this.dir, error);
      }
      const holder = Number(readFileSync(this.lock, "utf8").trim());
      const ours = holder === process.pid && lockedHere.has(this.dir);
      if (ours || (holder !== process.pid && isAlive(holder))) throw inUse(this.dir, holder);
      // A dead process's lock (it was killed): take the directory over.
      unlinkSync(this.lock);
    }
    throw inUse(this.dir, Number(readFileSync(this.lock, "utf8").trim()));
  }

  private release(): void {
    if (!lockedHere.delete(this.dir)) return;
    try {
      unlinkSync(this.lock);
    } catch {
      // Already gone: nothing to free.
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
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

/** The data directory cannot hold the journal: the start stops with this message alone. */
export class DataDirError extends Error {
  override name = "DataDirError";
}

function unwritable(dir: string, error: unknown): Error {
  const { code = "error", message } = error as NodeJS.ErrnoException;
  // Node's message already starts with the errno ("ENOTDIR: not a directory, mkdir ...").
  const reason = message.startsWith(code) ? message : `${code}: ${message}`;
  return new DataDirError(
    `plansync cannot keep its job journal in "${dir}" (${reason}). Without REDIS_URL, ` +
      `queued work is kept there so a crash loses none of it. Set PLANSYNC_DATA_DIR to a directory this ` +
      `process can create and write, or fix this one's permissions.`,
    { cause: error },
  );
}

function inUse(dir: string, pid: number): Error {
  return new DataDirError(
    `plansync's job journal in "${dir}" is in use by process ${pid}: another plansync instance runs on this ` +
      `data directory. Stop it, or give this instance its own PLANSYNC_DATA_DIR; instances that share work ` +
      `need REDIS_URL.`,
  );
}
