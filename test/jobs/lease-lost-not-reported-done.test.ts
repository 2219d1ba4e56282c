import { afterEach, describe, expect, inject, it } from "vitest";
import { backendWorld, recordingHandler, sleep, syncWork } from "./backends.js";

const redisUrl = inject("redisUrl");
let world: ReturnType<typeof backendWorld> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe.skipIf(!redisUrl)("a run whose lease was lost while its handler returned normally", () => {
  it("is not reported 'done' when the backend then retries it", async () => {
    world = backendWorld("redis", redisUrl);
    const raw = world.redis();
    const lock = `${world.prefix}:lock:octo/one`;
    let first = true;
    const { runs, handler } = recordingHandler(0, async (_kind, _works, signal) => {
      if (!first) return;
      first = false;
      // Another instance takes the repository (this run's lease expired under it).
      await raw.set(lock, "other-job:token", "PX", 400);
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
      // The handler (e.g. a run whose last steps were reads) ends without error.
    });
    const a = world.open(handler, { leaseMs: 600 });
    await a.backend.enqueue(syncWork("one", "plan.md"));
    const end = Date.now() + 8_000;
    while (runs.length < 2 && Date.now() < end) await sleep(20);
    await a.idle();
    raw.disconnect();
    expect(runs.length).toBe(2); // the backend did retry the first run
    // The first run's outcome (log line, metrics) says what the backend did: retry it, for the lost lease.
    expect(a.outcomes.map((o) => `${o.attempt}:${o.outcome}`)).toEqual(["1:retrying", "2:done"]);
    expect((a.outcomes[0]!.error as Error).message).toBe(
      "Repository lease ended: another run holds the lease now (it expired)",
    );
  });
});
