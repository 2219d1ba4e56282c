import { startInProcessApp } from "./in-process-app.js";
import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { GitHubSim } from "../sim/github-sim.js";

const OWNER = "octo";
const REPO = "lostcheck";
const FULL = `${OWNER}/${REPO}`;

function start(attempts: number) {
  return startInProcessApp({ owner: OWNER, repo: REPO, attempts });
}

let app: ReturnType<typeof start> | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const PLAN = "# Plan\n\n- [ ] PF-1 One\n- [ ] PF-2 Two\n- [ ] PF-3 Three\n";
const CHECKED = PLAN.replace("[ ] PF-1", "[x] PF-1").replace("[ ] PF-2", "[x] PF-2");

/** PF-3 is closed on GitHub with no webhook (the app was down): the next sync owes its write-back. */
async function closePf3OnGitHub(sim: GitHubSim) {
  const pf3 = (sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === "PF-3");
  await sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${pf3.number}`,
    body: JSON.stringify({ state: "closed" }),
  });
}

describe("a sync that applied everything but whose check-run POST answered 502", () => {
  it("fails the job, whose retry posts the check run though it finds nothing left to change", async () => {
    app = start(3);
    await app.push({ "docs/plan.md": PLAN });
    await app.idle();
    app.outcomes.length = 0;
    // GitHub's 502 on the check run (not carried out); POSTs are not retried by octokit.
    app.sim.failNext({ method: "POST", pathIncludes: "/check-runs", status: 502, times: 1 });
    const sha = await app.push({ "docs/plan.md": CHECKED });
    await app.idle();
    const states = (app.sim.issues(FULL) as any[]).map((i) => [readMarker(i.body)?.id, i.state]);
    expect(states).toEqual([
      ["PF-1", "closed"],
      ["PF-2", "closed"],
      ["PF-3", "open"],
    ]);
    const syncs = app.outcomes.filter((o) => o.kind === "sync").map((o) => `${o.attempt}:${o.outcome}`);
    const runs = app.sim.checkRuns(FULL).filter((r) => r.headSha === sha);
    // Attempt 1 closed both; attempt 2 found the issues as the docs say and reported that.
    expect({ syncs, checkRuns: runs.map((r) => [r.conclusion, r.output.title]) }).toEqual({
      syncs: ["1:retrying", "2:done"],
      checkRuns: [["success", "Issues already match the docs"]],
    });
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(CHECKED);
  });

  it("queues the write-backs it owes even when the job has no attempt left to post the report", async () => {
    app = start(1);
    await app.push({ "docs/plan.md": PLAN });
    await app.idle();
    await closePf3OnGitHub(app.sim);
    app.outcomes.length = 0;
    app.sim.failNext({ method: "POST", pathIncludes: "/check-runs", status: 502, times: 1 });
    const sha = await app.push({ "docs/plan.md": CHECKED });
    await app.idle();
    const sync = app.outcomes.filter((o) => o.kind === "sync");
    expect(sync.map((o) => `${o.attempt}:${o.outcome}`)).toEqual(["1:failed"]);
    expect((sync[0]!.error as Error).message).toBe(
      `The sync of ${FULL} at ${sha.slice(0, 7)} applied everything, but its check run could not be posted ` +
        `(GitHub answered 502: GitHubSim injected failure (502)); the job is retried to post it.`,
    );
    expect(app.outcomes.filter((o) => o.kind === "write-back").map((o) => `${o.attempt}:${o.outcome}`)).toEqual([
      "1:done",
    ]);
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(CHECKED.replace("[ ] PF-3", "[x] PF-3"));
  });
});
