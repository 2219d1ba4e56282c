import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { pushPayload } from "../app/webhook-payloads.js";
import type { GitHubSim } from "../sim/github-sim.js";
import type { AppProcess } from "./app-process.js";
import { startPlansRepoApp } from "./plans-repo-app.js";

/**
 * The app process (in-process jobs, production octokit: retries 1, 4 and 9 s apart, throttling
 * on) meets a close that fails past octokit's retries: the job fails, the backend retries it after
 * JOB_BACKOFF_MS, and the retry closes what was left, with no new push.
 */

const OPEN = "# Plan\n\n- [ ] PF-1 One\n- [ ] PF-2 Two\n- [ ] PF-3 Three\n";
const DONE = "# Plan\n\n- [x] PF-1 One\n- [x] PF-2 Two\n- [x] PF-3 Three\n";
const FULL = "octo/plans";
const BACKOFF_MS = 1_000;

let sim: GitHubSim;
let app: AppProcess;
let stop: (() => Promise<void>) | undefined;

function push(files: Record<string, string>) {
  const { sha, before } = sim.commitFiles(FULL, "main", files, "Update plan");
  return {
    sha,
    payload: pushPayload({ owner: "octo", repo: "plans" }, { before, after: sha, modified: ["docs/plan.md"] }),
  };
}

const byTask = (id: string) => (sim.issues(FULL) as any[]).find((issue) => readMarker(issue.body)?.id === id);

beforeAll(async () => {
  ({ sim, app, stop } = await startPlansRepoApp({
    JOB_BACKOFF_MS: String(BACKOFF_MS),
    JOB_ATTEMPTS: "3",
    WRITE_BACK_DELAY_MS: "100",
  }));
});

afterAll(async () => {
  await stop?.();
});

describe("a sync stopped part-way, in the app process", () => {
  it("is retried by the job backend after its backoff, and the retry closes PF-2 and PF-3", async () => {
    const first = push({ "docs/plan.md": OPEN });
    expect((await app.deliver("push", first.payload)).status).toBe(200);
    await app.waitFor("three open issues", 60_000, () =>
      ["PF-1", "PF-2", "PF-3"].every((id) => byTask(id)?.state === "open") ? true : undefined,
    );
    const pf2 = byTask("PF-2").number as number;
    // One more 502 than octokit retries (3): the first attempt's close of PF-2 fails for good.
    sim.failNext({ method: "PATCH", pathIncludes: `/issues/${pf2}`, status: 502, times: 4 });
    sim.resetLog();
    const second = push({ "docs/plan.md": DONE });
    expect((await app.deliver("push", second.payload)).status).toBe(200);
    await app.waitFor("PF-1, PF-2 and PF-3 closed", 120_000, () =>
      ["PF-1", "PF-2", "PF-3"].every((id) => byTask(id)?.state === "closed") ? true : undefined,
    );

    // The retry's job ends once its check run is posted, just after the closes.
    await app.waitFor("the retry's job to end", 30_000, () =>
      app.jsonLines().some((l) => l.kind === "sync" && l.attempt === 2 && l.outcome === "done") ? true : undefined,
    );
    const patches = sim.requests.filter((r) => r.method === "PATCH" && r.path === `/repos/${FULL}/issues/${pf2}`);
    expect(patches.map((r) => r.status)).toEqual([502, 502, 502, 502, 200]);
    const syncs = app.jsonLines().filter((l) => l.kind === "sync" && l.repo === FULL && l.outcome !== undefined);
    expect(syncs.slice(-2).map((l) => [l.attempt, l.outcome])).toEqual([
      [1, "retrying"],
      [2, "done"],
    ]);
    expect(syncs.at(-2)).toMatchObject({
      applied: 1,
      left: ["PF-2 (ticked in the doc)", "PF-3 (ticked in the doc)"],
    });
    const stopped = sim.checkRuns(FULL).filter((r) => r.headSha === second.sha && r.conclusion === "failure");
    expect(stopped.map((r) => r.output.title)).toEqual(["Sync stopped part-way: 1 of 3 changes made"]);
    expect(stopped[0]!.output.summary).toContain("plansync tries again by itself: attempt 2 of 3, in about 1 s.");
    expect(sim.violations).toEqual([]);
    // One error-level line, the stop itself (sync-repo.ts): no job was given up.
    expect(app.errors().map((l) => JSON.parse(l).msg)).toEqual(["Sync stopped part-way"]);
  }, 200_000);
});
