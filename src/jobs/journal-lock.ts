import { randomUUID } from "node:crypto";
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { inUse, unwritable } from "./data-dir-error.js";

const LOCK_FILE = "queue.lock";
/** Attempts at the lock when others take it over or free it meanwhile: each loses only to a live owner. */
const TRIES = 5;

/** Who holds a data directory: the pid, its start time (where /proc tells it) and this instance's token. */
interface Holder {
  pid: number;
  /** The process's start, in clock ticks since boot (/proc/<pid>/stat); null where unknown. */
  start: string | null;
  token: string;
}

/** Data directories locked by this process: a second backend here on the same one is refused too. */
const lockedHere = new Set<string>();

/**
 * One process owns a data directory at a time. `queue.lock` names the owner by pid, the pid's
 * start time and a random token: a pid alone is reused (by any process after a reboot, and by pid 1
 * in every container), so a lock is live only while its pid runs *and* started when the lock
 * says. Elsewhere than Linux the start is unknown and a live pid counts as the owner.
 *
 * A stale lock (its owner was killed) is taken over atomically: it is renamed to a name of this
 * instance's own, and the file renamed is checked to be the one judged stale. If another instance
 * took the directory over in between, the rename moved that instance's fresh lock: it is put back
 * (a hard link, which never replaces a file) and this start is refused. A lock that is no JSON
 * holder (the pid-only locks of plansync's first journaling builds, a zeroed file) names no owner
 * that can be checked, and is stale.
 */
export class JournalLock {
  private readonly file: string;
  private readonly holder: Holder = { pid: process.pid, start: processStart(process.pid), token: randomUUID() };

  constructor(private readonly dir: string) {
    this.file = join(dir, LOCK_FILE);
    const mine = JSON.stringify(this.holder);
    for (let tries = 0; tries < TRIES; tries++) {
      if (this.create(mine)) return;
      const text = readLock(this.file, dir);
      if (text === undefined) continue; // freed meanwhile: try again
      const holder = parseHolder(text);
      if (holder && isOwner(holder, dir)) throw inUse(dir, holder.pid);
      const aside = `${this.file}.stale-${this.holder.token}`;
      try {
        renameSync(this.file, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // another instance took it over first
        throw unwritable(dir, error);
      }
      const moved = readLock(aside, dir);
      if (moved !== text) {
        // Not the stale lock: another instance's, made since it was read. Give it back and stand down.
        restore(aside, this.file);
        throw inUse(dir, parseHolder(moved ?? "")?.pid ?? "unknown");
      }
      unlinkQuietly(aside);
    }
    throw new Error(
      `plansync could not take the job journal's lock in "${dir}": ${TRIES} tries met other instances taking it ` +
        `over. Start one instance per PLANSYNC_DATA_DIR.`,
    );
  }

  /** Frees the directory, if the lock is still this instance's. */
  release(): void {
    if (!lockedHere.delete(this.dir)) return;
    if (readLock(this.file, this.dir) !== JSON.stringify(this.holder)) return;
    unlinkQuietly(this.file);
  }

  /** Creates the lock, which only succeeds where there is none (`wx`). */
  private create(text: string): boolean {
    let fd: number;
    try {
      fd = openSync(this.file, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw unwritable(this.dir, error);
    }
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    lockedHere.add(this.dir);
    return true;
  }
}

function isOwner(holder: Holder, dir: string): boolean {
  if (holder.pid === process.pid) return lockedHere.has(dir);
  if (!isAlive(holder.pid)) return false;
  if (holder.start === null) return true;
  const start = processStart(holder.pid);
  return start === null || start === holder.start;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<Holder> | null;
    if (
      Number.isInteger(holder?.pid) &&
      holder!.pid! > 0 &&
      (holder!.start === null || typeof holder!.start === "string") &&
      typeof holder!.token === "string"
    )
      return holder as Holder;
  } catch {
    // No JSON: names no owner.
  }
  return undefined;
}

/** The lock's text, or undefined when there is none (freed or moved meanwhile). */
function readLock(file: string, dir: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw unwritable(dir, error);
  }
}

function restore(aside: string, file: string): void {
  try {
    linkSync(aside, file);
  } catch {
    // A third instance made a lock meanwhile: that one stands, as the owner.
  }
  unlinkQuietly(aside);
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to free.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}
