import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { DataDirError, JobJournal } from "../../src/jobs/job-journal.js";

/**
 * queue.lock names its owner by pid, the pid's start time and a token. A stale lock is taken over
 * atomically (renamed aside, re-checked, created with wx): two processes starting together on a
 * crashed instance's directory cannot both get it. A lock naming a pid since reused by an
 * unrelated live process does not block the start.
 */
const CHILD = fileURLToPath(new URL("./journal-lock-child.ts", import.meta.url));
const DELAY = fileURLToPath(new URL("./journal-lock-delay.mjs", import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "plansync-lock-"));
  dirs.push(dir);
  return dir;
}
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}
/** The start time /proc gives a pid (field 22 of its stat). */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]!;
}
function startChild(dir: string, delayMs: number, release = false) {
  const args = [
    "--import",
    "tsx",
    ...(delayMs > 0 ? ["--import", DELAY] : []),
    CHILD,
    dir,
    ...(release ? ["release"] : []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, JOURNAL_LOCK_DELAY_MS: String(delayMs) },
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  return { child, out: () => out, err: () => err };
}
const until = async (check: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
};
const staleLock = () => JSON.stringify({ pid: deadPid(), start: "1", token: "crashed" });

it("two processes starting on a crashed instance's directory: one gets it, the other is refused naming it", async () => {
  const dir = newDir();
  writeFileSync(join(dir, "queue.lock"), staleLock());
  const slow = startChild(dir, 6_000); // reads the stale lock, then is descheduled 6 s (the other boots meanwhile)
  await until(() => slow.err().includes("read-lock"), 15_000);
  const fast = startChild(dir, 0); // takes the stale lock over meanwhile
  await until(() => /started|refused/.test(fast.out()), 15_000);
  await until(() => /started|refused/.test(slow.out()), 15_000);
  expect(fast.out()).toBe(`started ${fast.child.pid}\n`);
  expect(slow.out()).toContain(
    `refused: DataDirError: plansync's job journal in "${dir}" is in use by process ${fast.child.pid}`,
  );
  // The winner's lock is in place, and nothing was left aside.
  expect(JSON.parse(readFileSync(join(dir, "queue.lock"), "utf8"))).toMatchObject({ pid: fast.child.pid });
  expect(readdirSync(dir).sort()).toEqual(["queue.jsonl", "queue.lock"]);
}, 40_000);

it("a stale lock that vanishes during the takeover (its taker stopped) is no ENOENT: the start goes on", async () => {
  const dir = newDir();
  writeFileSync(join(dir, "queue.lock"), staleLock());
  const slow = startChild(dir, 6_000);
  await until(() => slow.err().includes("read-lock"), 15_000);
  const fast = startChild(dir, 0, true); // takes it over, then frees it and exits
  await until(() => fast.child.exitCode !== null, 15_000);
  await until(() => /started|refused/.test(slow.out()), 15_000);
  expect(fast.out()).toBe(`started ${fast.child.pid}\n`);
  expect(slow.out()).toBe(`started ${slow.child.pid}\n`);
  expect(JSON.parse(readFileSync(join(dir, "queue.lock"), "utf8"))).toMatchObject({ pid: slow.child.pid });
}, 40_000);

it("a lock naming a live process that is no plansync (a reused pid: pid 1 here) does not block the start", () => {
  const dir = newDir();
  writeFileSync(join(dir, "queue.lock"), JSON.stringify({ pid: 1, start: "0", token: "last-container" }));
  const journal = new JobJournal(dir);
  expect(JSON.parse(readFileSync(join(dir, "queue.lock"), "utf8"))).toMatchObject({ pid: process.pid });
  journal.close();
  expect(existsSync(join(dir, "queue.lock"))).toBe(false);
});

it("a pid-only lock (the first journaling builds' format) names no owner that can be checked: taken over", () => {
  const dir = newDir();
  writeFileSync(join(dir, "queue.lock"), "1");
  const journal = new JobJournal(dir);
  expect(JSON.parse(readFileSync(join(dir, "queue.lock"), "utf8"))).toMatchObject({ pid: process.pid });
  journal.close();
});

it("refuses a directory whose lock names a live process with its own start time", async () => {
  const dir = newDir();
  const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(holder);
  await until(() => existsSync(`/proc/${holder.pid}/stat`), 5_000);
  writeFileSync(join(dir, "queue.lock"), JSON.stringify({ pid: holder.pid, start: startOf(holder.pid!), token: "t" }));
  expect(() => new JobJournal(dir)).toThrow(DataDirError);
  expect(() => new JobJournal(dir)).toThrow(`is in use by process ${holder.pid}`);
});
