import { Job } from "bullmq";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import type { RedisBackend } from "../../src/jobs/redis-backend.js";
import type { SyncWork } from "../../src/jobs/work.js";
import { backendWorld, recordingHandler, sleep, syncWork, writeBackWork } from "./backends.js";

const redisUrl = inject("redisUrl");
let world: ReturnType<typeof backendWorld> | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await world?.close();
  world = undefined;
});

const paths = (works: { works: unknown[] }) => (works.works as SyncWork[]).map((w) => w.commits![0]!.modified![0]);

async function until(what: string, ms: number, check: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(10);
  }
}

/** Every connection of a backend dropped at once, nothing finished or released: a kill -9. */
function kill(backend: RedisBackend): void {
  const dead = backend as unknown as { connections: { disconnect(): void }[]; worker: { close(force: boolean): void } };
  for (const connection of dead.connections) connection.disconnect();
  dead.worker.close(true);
}

describe.skipIf(!redisUrl)("work left by an instance that stops", () => {
  it("a push arriving during a run is run by the other instance when the first shuts down right after", async () => {
    world = backendWorld("redis", redisUrl);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = recordingHandler(0, () => gate);
    const a = world.open(first.handler);
    await a.backend.enqueue(syncWork("one", "first.md"));
    await until("the first run", 5_000, () => first.runs.length === 1);
    const second = recordingHandler(0);
    const b = world.open(second.handler);
    await a.backend.enqueue(syncWork("one", "second.md"));
    const closing = a.backend.close();
    release();
    await closing;
    await until("the second work on b", 5_000, () => second.runs.length === 1);
    expect(first.runs).toHaveLength(1);
    expect(paths(first.runs[0]!)).toEqual(["first.md"]);
    expect(paths(second.runs[0]!)).toEqual(["second.md"]);
    await b.idle();
    expect(second.runs).toHaveLength(1);
  });

  it(
    "a push arriving during a run is run by a new instance after the first dies right after the run",
    { timeout: 30_000 },
    async () => {
      world = backendWorld("redis", redisUrl);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = recordingHandler(0, () => gate);
      const a = world.open(first.handler);
      // Dies the moment its run is over: whatever it meant to do after "completed" never happens.
      (a.backend as unknown as { worker: { on(e: string, f: () => void): void } }).worker.on("completed", () =>
        kill(a.backend as RedisBackend),
      );
      await a.backend.enqueue(syncWork("one", "first.md"));
      await until("the first run", 5_000, () => first.runs.length === 1);
      await a.backend.enqueue(syncWork("one", "second.md"));
      release();
      await until("the first run's end", 5_000, () => first.runs[0]!.end > 0);
      await sleep(200);
      const second = recordingHandler(0);
      const b = world.open(second.handler);
      await until("the second work on the new instance", 10_000, () => second.runs.length === 1);
      expect(paths(second.runs[0]!)).toEqual(["second.md"]);
      await b.idle();
      expect(second.runs).toHaveLength(1);
    },
  );

  it("on start, runs work queued without a job and work in flight of a job that is gone", async () => {
    world = backendWorld("redis", redisUrl);
    const raw = world.redis();
    // An instance died between queuing a push's work and adding its trigger...
    await raw.rpush(`${world.prefix}:pending:sync:octo/one`, JSON.stringify(syncWork("one", "queued.md")));
    // ...and another died mid-run, and BullMQ gave its job up (it no longer exists).
    await raw.rpush(`${world.prefix}:inflight:gone-42`, JSON.stringify(syncWork("two", "claimed.md")));
    raw.disconnect();
    const started = recordingHandler(0);
    const b = world.open(started.handler);
    await until("both runs", 5_000, () => started.runs.length === 2);
    await b.idle();
    const byRepo = Object.fromEntries(started.runs.map((run) => [(run.works[0] as SyncWork).repo, paths(run)]));
    expect(byRepo).toEqual({ one: ["queued.md"], two: ["claimed.md"] });
    expect(started.runs).toHaveLength(2);
  });
});

describe.skipIf(!redisUrl)("a run waiting for its repository's lease", () => {
  it("starts within 100 ms of the release, re-delayed at most twice", async () => {
    world = backendWorld("redis", redisUrl);
    const delays = vi.spyOn(Job.prototype, "moveToDelayed");
    const { runs, handler } = recordingHandler(0, async (kind) => {
      if (kind === "sync") await sleep(3_000);
    });
    const a = world.open(handler);
    await a.backend.enqueue(syncWork("one", "plan.md"));
    await until("the sync", 5_000, () => runs.length === 1);
    await a.backend.enqueue(writeBackWork("one", 7));
    await until("the write-back", 10_000, () => runs.length === 2);
    await a.idle();
    const [sync, writeBack] = runs;
    console.info(`the waiting write-back started ${writeBack!.start - sync!.end} ms after the sync ended`);
    expect(sync!.kind).toBe("sync");
    expect(writeBack!.kind).toBe("write-back");
    expect(writeBack!.start - sync!.end).toBeLessThanOrEqual(100);
    expect(delays.mock.calls.length).toBeLessThanOrEqual(2);
    expect(runs).toHaveLength(2);
  });
});
