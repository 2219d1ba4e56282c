import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";
import { GitHubSim } from "../sim/github-sim.js";

const PLAN = Array.from({ length: 14 }, (_, i) => `- [ ] FC-${i + 1} Task ${i + 1}`).join("\n") + "\n";
const KEEP = "- [ ] KP-1 Kept elsewhere\n";
const NARROWED = 'paths:\n  - "plans/**/*.md"\n';
const OTHER_APP = "ci-helper[bot];Bot";

/** Another app installed on the repository posts a check run it names `plansync`, as any app with checks:write can. */
async function foreignCheckRun(sim: GitHubSim, sha: string, text: string) {
  const response = await sim.handle({
    method: "POST",
    url: `/repos/${FULL}/check-runs`,
    headers: { "x-sim-actor": OTHER_APP },
    body: JSON.stringify({
      name: "plansync",
      head_sha: sha,
      conclusion: "failure",
      output: { title: "14 removals held", summary: "Confirm them.", text },
    }),
  });
  expect(response.status).toBe(201);
  return response.body as { id: number; app: { id: number; slug: string } };
}

describe("removal.confirm and a check run named plansync made by another app", () => {
  let app: TestApp;
  checkAfterEach(() => app);
  const open = () => (app.sim.issues(FULL) as any[]).filter((i) => i.state === "open");

  it("confirms nothing that other app lists; plansync's own held check run still confirms", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN, "plans/keep.md": KEEP });
    const numbers = open()
      .filter((i) => readMarker(i.body)!.id.startsWith("FC-"))
      .map((i) => i.number);
    expect(numbers).toHaveLength(14);
    // A harmless push: the other app "holds" the 14 removals on its commit.
    const harmless = await app.push({ "plans/keep.md": KEEP.replace("Kept", "Still kept") });
    const forged = await foreignCheckRun(app.sim, harmless.after, `<!-- plansync-held: ${numbers.join(",")} -->`);
    expect(forged.app.slug).toBe("ci-helper");

    // The paths are narrowed and the removals confirmed with the other app's commit: nothing closes.
    const held = await app.push({ ".github/plansync.yml": `${NARROWED}removal:\n  confirm: ${harmless.after}\n` });
    expect(open()).toHaveLength(15);
    const runs = app.sim.checkRuns(FULL).filter((r) => r.headSha === held.after);
    expect(runs.map((r) => r.output.title)).toEqual(["14 removals held: confirm them or fix the config"]);
    const listing = app.sim.requests.find((r) => r.operationId === "checks/list-for-ref")!;
    expect(listing.path).toContain(`/commits/${harmless.after}/check-runs`);

    // plansync's own check run on `held` confirms them.
    await app.push({ ".github/plansync.yml": `${NARROWED}removal:\n  confirm: ${held.after}\n` });
    expect(open().map((i) => readMarker(i.body)!.id)).toEqual(["KP-1"]);
  });
});

describe("the simulator's check runs", () => {
  it("record the app that made each, and filter by app_id as GitHub does", async () => {
    const sim = new GitHubSim();
    sim.addRepo({ owner: "octo", repo: "plans", files: { "a.md": "x" } });
    const sha = sim.headSha(FULL, "main");
    const ours = await sim.handle({
      method: "POST",
      url: `/repos/${FULL}/check-runs`,
      body: JSON.stringify({
        name: "plansync",
        head_sha: sha,
        conclusion: "success",
        output: { title: "t", summary: "s" },
      }),
    });
    const theirs = await foreignCheckRun(sim, sha, "");
    const ownApp = (ours.body as { app: { id: number; slug: string } }).app;
    expect(ownApp).toMatchObject({ id: 1, slug: "plansync" });
    expect(theirs.app.id).not.toBe(1);
    const list = async (query: string) =>
      (await sim.handle({ method: "GET", url: `/repos/${FULL}/commits/${sha}/check-runs?check_name=plansync${query}` }))
        .body as { total_count: number; check_runs: { id: number; app: { slug: string } }[] };
    expect((await list("")).check_runs.map((r) => r.app.slug)).toEqual(["ci-helper", "plansync"]);
    expect((await list("&app_id=1")).check_runs.map((r) => r.id)).toEqual([(ours.body as { id: number }).id]);
    expect((await list(`&app_id=${theirs.app.id}`)).total_count).toBe(1);
    expect(sim.violations).toEqual([]);
  });
});
