import { afterEach, describe, expect, it } from "vitest";
import { parsePlan, UNREADABLE_FILE } from "../../src/plan/index.js";
import { ParsePool, type ParsePoolSettings } from "../../src/workers/parse-pool.js";
import { isUnreadable } from "../../src/plan/index.js";
import { checklistLines, nestedLists } from "../hostile-docs.js";

/** Real worker threads running the real parser; budgets are short so that a big file outlasts them. */

const PLAN = "# Plan\n\n- [ ] BE-001 Set up the database\n- [x] BE-002 Add the users table\n";
/** Large enough that parsing it takes far longer than SHORT_MS on any machine. */
const SLOW = checklistLines(1_900_000);
const SHORT_MS = 100;

let pool: ParsePool | undefined;

function startPool(settings: Partial<ParsePoolSettings> = {}): ParsePool {
  pool = new ParsePool({ threads: 1, timeoutMs: 20_000, memoryMb: 256, maxWaiting: 10, ...settings });
  return pool;
}

afterEach(async () => {
  await pool?.destroy();
  pool = undefined;
});

const ids = (plan: { tasks: { id: string }[] }) => plan.tasks.map((t) => t.id);

describe("the parse pool", () => {
  it("returns the plan the parser returns inline", async () => {
    const plan = await startPool().parse(PLAN, { idPrefixes: ["BE"] });
    expect(plan).toEqual(parsePlan(PLAN, { idPrefixes: ["BE"] }));
  });

  it("stops a file past its budget with an error at line 1, and parses the next file on a fresh thread", async () => {
    const { parse } = startPool({ timeoutMs: SHORT_MS });
    const started = Date.now();
    const plan = await parse(SLOW, {});
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isUnreadable(plan)).toBe(true);
    expect(plan.tasks).toEqual([]);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: UNREADABLE_FILE, line: 1, column: 1 }),
    ]);
    expect(plan.diagnostics[0]!.message).toBe(
      "plansync stopped reading this file after 0.1 s; it is too large or too deeply nested. Split it into smaller files (or flatten its nesting); plansync read no tasks from it and changed none of its issues.",
    );
    expect(ids(await parse(PLAN, {}))).toEqual(["BE-001", "BE-002"]);
  });

  it("starts a file's budget when a thread takes it, not while it waits behind another", async () => {
    const { parse } = startPool({ timeoutMs: 1_500 });
    const slow = parse(SLOW, {});
    const waiting = parse(PLAN, {});
    expect(pool!.queued).toBe(1);
    expect(isUnreadable(await slow)).toBe(true);
    expect(ids(await waiting)).toEqual(["BE-001", "BE-002"]);
  });

  it("reports a file that takes a thread past its memory limit, and goes on", async () => {
    const { parse } = startPool({ memoryMb: 16, timeoutMs: 60_000 });
    const plan = await parse(SLOW, {});
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: UNREADABLE_FILE, line: 1 })]);
    expect(plan.diagnostics[0]!.message).toMatch(/needed more than 16 MB of memory/);
    expect(ids(await parse(PLAN, {}))).toEqual(["BE-001", "BE-002"]);
  });

  it("refuses files beyond its queue rather than holding them all", async () => {
    const { parse } = startPool({ timeoutMs: 1_000, maxWaiting: 1 });
    const running = parse(SLOW, {});
    const queued = parse(PLAN, {});
    await expect(parse(PLAN, {})).rejects.toThrow(/parse queue is full/);
    await Promise.all([running, queued]);
  });

  it("never throws for a hostile file: it comes back as a plan", async () => {
    const plan = await startPool({ timeoutMs: 1_000 }).parse(nestedLists(), {});
    expect(plan.tasks.length).toBeLessThanOrEqual(1);
  });

  it("fails a parse still running when the pool is destroyed, as a stopping process does", async () => {
    const { parse } = startPool({ timeoutMs: 60_000 });
    await parse(PLAN, {});
    const failed = expect(parse(SLOW, {})).rejects.toThrow(/Terminating worker thread/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await pool!.destroy();
    await failed;
  });
});
