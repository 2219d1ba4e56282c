import { startInProcessApp } from "../app/in-process-app.js";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { RedisBackend } from "../../src/jobs/redis-backend.js";
import { readMarker } from "../../src/sync/marker.js";

const OWNER = "octo";
const REPO = "stopped";
const FULL = `${OWNER}/${REPO}`;

const OPEN = "# Plan\n\n- [ ] PF-1 One\n- [ ] PF-2 Two\n- [ ] PF-3 Three\n";
const DONE = "# Plan\n\n- [x] PF-1 One\n- [x] PF-2 Two\n- [x] PF-3 Three\n";

/**
 * The app as in production on the in-process backend: octokit's retry plugin on (1 ms apart), and
 * the backend's own retries (3 attempts, `backoffMs` doubling), so a sync stopped part-way meets
 * both layers of retry.
 */
function start(name: "memory" | "redis", backoffMs: number) {
  return startInProcessApp({
    owner: OWNER,
    repo: REPO,
    backoffMs,
    backend: (options) =>
      name === "memory"
        ? new MemoryBackend(options)
        : new RedisBackend({ ...options, url: redisUrl, prefix: `test-stopped-${randomUUID()}` }),
  });
}

const redisUrl = inject("redisUrl");
let app: ReturnType<typeof start> | undefined;
afterEach(async () => {
  await app?.stop();
  expect(app?.sim.violations ?? []).toEqual([]);
  app = undefined;
});

const byTask = (id: string) =>
  (app!.sim.issues(FULL) as any[]).find((issue) => readMarker(issue.body)?.id === id) as {
    number: number;
    state: string;
  };

describe.each(["memory", "redis"] as const)("a sync stopped part-way, on the %s backend", (name) => {
  const skip = name === "redis" && !redisUrl;
  it.skipIf(skip)("fails the job, which the backend retries after its backoff until every close is made", async () => {
    app = start(name, 200);
    await app.push({ "docs/plan.md": OPEN });
    await app.idle();
    const [pf1, pf2, pf3] = ["PF-1", "PF-2", "PF-3"].map(byTask);
    expect([pf1!.state, pf2!.state, pf3!.state]).toEqual(["open", "open", "open"]);
    app.outcomes.length = 0;
    // More 502s than octokit retries (3): the close of PF-2 fails for good on the first attempt.
    app.sim.failNext({ method: "PATCH", pathIncludes: `/issues/${pf2!.number}`, status: 502, times: 4 });
    app.sim.resetLog();
    const sha = await app.push({ "docs/plan.md": DONE });
    await app.idle();

    const syncs = app.outcomes.filter((o) => o.kind === "sync");
    expect(syncs.map((o) => [o.attempt, o.outcome])).toEqual([
      [1, "retrying"],
      [2, "done"],
    ]);
    expect((syncs[0]!.error as Error).name).toBe("SyncStoppedError");
    // The retry waited out the backoff (200 ms before the 2nd attempt), measured from the 1st's end.
    expect(syncs[1]!.at - syncs[1]!.durationMs - syncs[0]!.at).toBeGreaterThanOrEqual(190);
    expect(syncs[0]!.error).toMatchObject({
      applied: 1,
      left: ["PF-2 (ticked in the doc)", "PF-3 (ticked in the doc)"],
    });
    expect(["PF-1", "PF-2", "PF-3"].map((id) => byTask(id).state)).toEqual(["closed", "closed", "closed"]);
    // PF-2's close: four 502s on the first attempt, then the retry's one that went through.
    const closes = (n: number) =>
      app!.sim.writes().filter((r) => r.method === "PATCH" && r.path === `/repos/${FULL}/issues/${n}`);
    expect(closes(pf2!.number).map((r) => r.status)).toEqual([502, 502, 502, 502, 200]);
    expect(closes(pf1!.number).map((r) => r.status)).toEqual([200]);
    expect(closes(pf3!.number).map((r) => r.status)).toEqual([200]);

    const runs = app.sim.checkRuns(FULL).filter((r) => r.headSha === sha);
    const stopped = runs.find((r) => r.conclusion === "failure")!;
    expect(stopped.output.title).toBe("Sync stopped part-way: 1 of 3 changes made");
    expect(stopped.output.summary).toContain("Not made yet:\n\n- PF-2 (ticked in the doc)\n- PF-3 (ticked in the doc)");
    expect(stopped.output.summary).toContain("plansync tries again by itself: attempt 2 of 3, in about 1 s.");
    expect(stopped.output.summary).not.toContain("redelivery");
  });

  it.skipIf(skip)(
    "on its last attempt says that no retry is left and what resumes it; the write-back it found owed still goes through",
    async () => {
      app = start(name, 20);
      await app.push({ "docs/plan.md": `${OPEN}- [ ] PF-4 Four\n` });
      await app.idle();
      const pf2 = byTask("PF-2");
      // PF-4 closed on GitHub while its webhook was lost: the sync finds its write-back owed.
      await app.sim.actAs("octo", "PATCH", `/repos/${FULL}/issues/${byTask("PF-4").number}`, { state: "closed" });
      // Every attempt fails: 3 attempts of 4 requests each.
      app.sim.failNext({ method: "PATCH", pathIncludes: `/issues/${pf2.number}`, status: 502, times: 12 });
      app.outcomes.length = 0;
      const sha = await app.push({ "docs/plan.md": `${DONE}- [ ] PF-4 Four\n` });
      await app.idle();
      expect(app.outcomes.filter((o) => o.kind === "sync").map((o) => [o.attempt, o.outcome])).toEqual([
        [1, "retrying"],
        [2, "retrying"],
        [3, "failed"],
      ]);
      // The write-back owed was queued although every sync attempt failed, and went through.
      expect(app.outcomes.filter((o) => o.kind === "write-back").map((o) => o.outcome)).toContain("done");
      expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toContain("- [x] PF-4 Four");
      // The retries sync the branch head: the pushed commit, or the write-back's after it.
      const stopped = app.sim.checkRuns(FULL).filter((r) => r.conclusion === "failure");
      expect(stopped[0]!.headSha).toBe(sha);
      expect(stopped.map((r) => r.output.title)).toEqual([
        "Sync stopped part-way: 1 of 3 changes made",
        "Sync stopped part-way: 0 of 2 changes made",
        "Sync stopped part-way: 0 of 2 changes made",
      ]);
      expect(
        stopped.map((r) => r.output.summary!.match(/plansync tries again[^\n]*|No attempts left[^\n]*/)?.[0]),
      ).toEqual([
        "plansync tries again by itself: attempt 2 of 3, in about 1 s.",
        "plansync tries again by itself: attempt 3 of 3, in about 1 s.",
        "No attempts left (3 of 3 failed): the next push or the periodic reconcile resumes it, without duplicates.",
      ]);
      expect(byTask("PF-2").state).toBe("open");
    },
  );
});
