import { afterEach, describe, expect, inject, it } from "vitest";
import {
  backendWorld,
  overlapping,
  recordingHandler,
  sleep,
  syncWork,
  writeBackWork,
  type BackendName,
  type Run,
} from "./backends.js";
import type { SyncWork } from "../../src/jobs/work.js";
import { RetryLaterError } from "../../src/jobs/job-backend.js";

const redisUrl = inject("redisUrl");
const repoOfRun = (run: Run) => (run.works[0] as SyncWork).repo;
const names: BackendName[] = ["memory", "redis"];

/**
 * The job model's guarantees, the same on both backends. The Redis suite runs against a real
 * redis-server (see redis-global-setup.ts); each test has its own key prefix.
 */
describe.each(names)("the %s backend", (name) => {
  const skip = name === "redis" && !redisUrl;
  let world: ReturnType<typeof backendWorld>;
  afterEach(async () => world?.close());

  it.skipIf(skip)(
    "never runs two jobs of one repository at once, and runs different repositories side by side",
    async () => {
      world = backendWorld(name, redisUrl);
      const { runs, handler } = recordingHandler(60);
      // Two instances on Redis; the memory backend is one process by definition.
      const a = world.open(handler);
      const b = name === "redis" ? world.open(handler) : a;
      for (let i = 0; i < 4; i++) {
        await a.backend.enqueue(syncWork("one", `a${i}.md`));
        await b.backend.enqueue(syncWork("one", `b${i}.md`));
        await a.backend.enqueue(syncWork("two", `c${i}.md`));
        await sleep(25);
      }
      await a.idle();
      await b.idle();
      expect(overlapping(runs)).toBe(false);
      const paths = (repo: string) =>
        runs
          .filter((r) => repoOfRun(r) === repo)
          .flatMap((r) => r.works.flatMap((w) => (w as any).commits[0].modified));
      expect(paths("one").sort()).toEqual(["a0.md", "a1.md", "a2.md", "a3.md", "b0.md", "b1.md", "b2.md", "b3.md"]);
      expect(paths("two").sort()).toEqual(["c0.md", "c1.md", "c2.md", "c3.md"]);
      const one = runs.filter((r) => repoOfRun(r) === "one");
      const two = runs.filter((r) => repoOfRun(r) === "two");
      expect(one.some((x) => two.some((y) => x.start < y.end && y.start < x.end))).toBe(true);
    },
  );

  it.skipIf(skip)("merges a burst of pushes into one run, and closes within a window into one write-back", async () => {
    world = backendWorld(name, redisUrl);
    const { runs, handler } = recordingHandler(150);
    const a = world.open(handler);
    await a.backend.enqueue(syncWork("one", "first.md"));
    await sleep(60); // the first sync is running now
    for (let i = 0; i < 5; i++) await a.backend.enqueue(syncWork("one", `burst${i}.md`));
    for (let i = 1; i <= 5; i++) await a.backend.enqueue(writeBackWork("one", i), { delayMs: 300 });
    await a.idle();
    const syncs = runs.filter((r) => r.kind === "sync");
    expect(syncs.map((r) => r.works.length)).toEqual([1, 5]);
    const writeBacks = runs.filter((r) => r.kind === "write-back");
    expect(writeBacks).toHaveLength(1);
    expect(writeBacks[0]!.works.flatMap((w) => (w as any).issues)).toEqual([1, 2, 3, 4, 5]);
  });

  it.skipIf(skip)("retries a failed run with backoff, with the same work, and reports each attempt", async () => {
    world = backendWorld(name, redisUrl);
    let calls = 0;
    const { runs, handler } = recordingHandler(0, async () => {
      if (++calls < 3) throw new Error(`GitHub answered 502 (call ${calls})`);
    });
    const a = world.open(handler, { attempts: 3, backoffMs: 100 });
    await a.backend.enqueue(syncWork("one", "plan.md"));
    await a.idle();
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => (r.works[0] as any).commits[0].modified[0] === "plan.md")).toBe(true);
    expect(runs[1]!.start - runs[0]!.end).toBeGreaterThanOrEqual(90);
    expect(runs[2]!.start - runs[1]!.end).toBeGreaterThanOrEqual(190);
    expect(a.outcomes.map((o) => [o.outcome, o.attempt])).toEqual([
      ["retrying", 1],
      ["retrying", 2],
      ["done", 3],
    ]);
  });

  it.skipIf(skip)("runs work that must wait (a rate limit) again after the delay, spending no attempt", async () => {
    world = backendWorld(name, redisUrl);
    let calls = 0;
    const { runs, handler } = recordingHandler(0, async () => {
      if (++calls === 1) throw new RetryLaterError(300, "GitHub's rate limit");
    });
    const a = world.open(handler, { attempts: 1 });
    await a.backend.enqueue(syncWork("one", "plan.md"));
    await sleep(100);
    await a.backend.enqueue(syncWork("one", "later.md")); // joins the paused run
    await a.idle();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.start - runs[0]!.end).toBeGreaterThanOrEqual(280);
    expect(runs[1]!.works.map((w) => (w as SyncWork).commits![0]!.modified)).toEqual([["plan.md"], ["later.md"]]);
    expect(a.outcomes.map((o) => o.outcome)).toEqual(["deferred", "done"]);
  });

  it.skipIf(skip)("gives up after the last attempt and reports the failure", async () => {
    world = backendWorld(name, redisUrl);
    const { runs, handler } = recordingHandler(0, async () => {
      throw new Error("always fails");
    });
    const a = world.open(handler, { attempts: 2, backoffMs: 20 });
    await a.backend.enqueue(syncWork("one", "plan.md"));
    await a.idle();
    expect(runs).toHaveLength(2);
    expect(a.outcomes.map((o) => o.outcome)).toEqual(["retrying", "failed"]);
    expect(String(a.outcomes[1]!.error)).toContain("always fails");
  });

  it.skipIf(skip)("on close, finishes the running job and keeps nothing half done", async () => {
    world = backendWorld(name, redisUrl);
    const { runs, handler } = recordingHandler(200);
    const a = world.open(handler);
    await a.backend.enqueue(syncWork("one", "plan.md"));
    await a.backend.enqueue(writeBackWork("one", 7), { delayMs: 60_000 });
    await sleep(50);
    await a.backend.close();
    expect(runs[0]!.end).toBeGreaterThan(0);
    if (name === "memory") {
      // In-process, an open window would die with the process: close runs it now.
      expect(runs.map((r) => r.kind)).toEqual(["sync", "write-back"]);
    } else {
      // On Redis it waits there; the next instance runs it when its window ends.
      expect(runs.map((r) => r.kind)).toEqual(["sync"]);
      const next = world.open(handler);
      const depth = await next.backend.depth();
      expect(depth.delayed).toBe(1);
    }
  });
});

describe.each(names)("the %s backend's schedules and claims", (name) => {
  const skip = name === "redis" && !redisUrl;
  let world: ReturnType<typeof backendWorld>;
  afterEach(async () => world?.close());

  it.skipIf(skip)("runs scheduled work once per repetition, across instances, not at once, until stopped", async () => {
    world = backendWorld(name, redisUrl);
    const { runs, handler } = recordingHandler(0);
    const a = world.open(handler);
    const b = name === "redis" ? world.open(handler) : a;
    const started = Date.now();
    await a.backend.every({ kind: "reconcile" }, 400);
    await b.backend.every({ kind: "reconcile" }, 400); // a second instance starting: no second schedule
    await sleep(1_000);
    await a.backend.every({ kind: "reconcile" }, 0);
    const counted = runs.length;
    await sleep(600);
    expect(runs.length).toBe(counted);
    expect(counted).toBeGreaterThanOrEqual(1);
    expect(counted).toBeLessThanOrEqual(3);
    expect(runs[0]!.start - started).toBeGreaterThanOrEqual(350);
    expect(runs.every((r) => r.kind === "reconcile")).toBe(true);
  });

  it.skipIf(skip)("grants a claim once across instances until it expires", async () => {
    world = backendWorld(name, redisUrl);
    const a = world.open(recordingHandler().handler);
    const b = name === "redis" ? world.open(recordingHandler().handler) : a;
    expect(await a.backend.claimOnce("redelivered:abc", 300)).toBe(true);
    expect(await b.backend.claimOnce("redelivered:abc", 300)).toBe(false);
    await sleep(350);
    expect(await b.backend.claimOnce("redelivered:abc", 300)).toBe(true);
  });
});

describe.skipIf(!redisUrl)("the redis backend across instances", () => {
  let world: ReturnType<typeof backendWorld>;
  afterEach(async () => world?.close());

  it("hands a dead instance's job to another, with its work, once the lease runs out", async () => {
    world = backendWorld("redis", redisUrl);
    const hung = recordingHandler(0, () => new Promise<void>(() => undefined));
    const dead = world.open(hung.handler, { leaseMs: 1_000 });
    await dead.backend.enqueue(syncWork("one", "plan.md"));
    for (let i = 0; i < 100 && hung.runs.length === 0; i++) await sleep(20);
    expect(hung.runs).toHaveLength(1);
    // kill -9: its worker and connections stop at once, without finishing or releasing anything.
    await (dead.backend as any).worker.close(true);
    (dead.backend as any).redis.disconnect();
    for (const connection of (dead.backend as any).connections) connection.disconnect(); // the lease's too
    const alive = recordingHandler(0);
    const next = world.open(alive.handler, { leaseMs: 1_000 });
    for (let i = 0; i < 250 && alive.runs.length === 0; i++) await sleep(20);
    expect(alive.runs).toHaveLength(1);
    expect((alive.runs[0]!.works[0] as any).commits[0].modified).toEqual(["plan.md"]);
    await next.idle();
  });

  it("aborts a run whose lease was taken, so it cannot keep writing, and retries it", async () => {
    world = backendWorld("redis", redisUrl);
    const raw = world.redis();
    let aborted = false;
    let calls = 0;
    const { handler } = recordingHandler(0, async (_kind, _works, signal) => {
      if (++calls > 1) return;
      await raw.del(`${world.prefix}:lock:octo/one`); // the lease ran out and another took it
      await raw.set(`${world.prefix}:lock:octo/one`, "someone-else", "PX", 5_000);
      for (let i = 0; i < 150 && !signal.aborted; i++) await sleep(20);
      aborted = signal.aborted;
      await raw.del(`${world.prefix}:lock:octo/one`);
    });
    const a = world.open(handler, { leaseMs: 1_000, backoffMs: 20 });
    await a.backend.enqueue(syncWork("one", "plan.md"));
    await a.idle();
    raw.disconnect();
    expect(aborted).toBe(true);
    expect(calls).toBe(2);
    expect(a.outcomes.at(-1)!.outcome).toBe("done");
  });
});
