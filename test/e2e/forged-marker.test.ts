import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { issueStatePayload, pushPayload } from "../app/webhook-payloads.js";
import type { GitHubSim } from "../sim/github-sim.js";
import type { AppProcess } from "./app-process.js";
import { startPlansRepoApp } from "./plans-repo-app.js";

/**
 * Threat model, end to end: the app as its own process. A stranger copies a task's marker into an
 * issue of her own and closes and reopens it. On the landed code this made three commits to main
 * and closed the real issue; now nothing happens, while a real close still writes back (so the
 * quiet is not just the pipeline being slow).
 */
const FULL = "octo/plans";
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] FX-1 Real task\n  - [ ] first check\n- [ ] FX-2 Other task\n";
const SYNC_MS = 30_000;

let sim: GitHubSim;
let app: AppProcess;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ sim, app, stop } = await startPlansRepoApp({ WRITE_BACK_DELAY_MS: "100" }));
});

afterAll(async () => {
  await stop?.();
});

const issueOf = (id: string) =>
  sim.issues(FULL).find((i) => readMarker(i.body)?.id === id && i.user.login === "plansync[bot]");

async function setState(number: number, state: "open" | "closed", as?: string) {
  await sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${number}`,
    headers: as ? { "x-sim-actor": as } : {},
    body: JSON.stringify({ state }),
  });
  const payload = issueStatePayload(
    { owner: "octo", repo: "plans" },
    sim.issue(FULL, number),
    state === "closed" ? "closed" : "reopened",
  );
  expect((await app.deliver("issues", payload)).status).toBe(200);
}

describe("a stranger's copied marker, against the app process", () => {
  it("closed and reopened: zero commits and zero state changes; the real issue stays as it was", async () => {
    const { sha, before } = sim.commitFiles(FULL, "main", { [PATH]: PLAN }, "Add plan");
    await app.deliver("push", pushPayload({ owner: "octo", repo: "plans" }, { before, after: sha, added: [PATH] }));
    await app.waitFor("FX-1 and FX-2's issues", SYNC_MS, () => (issueOf("FX-1") && issueOf("FX-2") ? true : undefined));
    const real = issueOf("FX-1")!;
    const marker = real.body!.slice(real.body!.lastIndexOf("<!-- plansync "));
    const created = await sim.handle({
      method: "POST",
      url: `/repos/${FULL}/issues`,
      headers: { "x-sim-actor": "mallory" },
      body: JSON.stringify({
        title: "FX-1: copied",
        body: `- [x] first check\n\n${marker.replace('"checks":" "', '"checks":"x"')}`,
      }),
    });
    const forged = (created.body as { number: number }).number;
    const commits = sim.commitMessages(FULL, "main").length;
    sim.resetLog();

    await setState(forged, "closed", "mallory");
    await setState(forged, "open", "mallory");
    await setState(forged, "closed", "mallory");
    // A real close, after the forged ones: its commit shows the app has handled what came before.
    await setState(issueOf("FX-2")!.number, "closed");
    await app.waitFor("the write-back of FX-2", SYNC_MS, () =>
      sim.readFile(FULL, "main", PATH)!.includes("- [x] FX-2") ? true : undefined,
    );

    expect(sim.commitMessages(FULL, "main").length).toBe(commits + 1);
    expect(sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] FX-2", "- [x] FX-2"));
    // Only mallory's own three state changes touched her issue: plansync wrote nothing to it.
    const touched = sim.writes().filter((w) => w.path.includes(`/issues/${forged}`));
    expect(touched.map((w) => w.body)).toEqual([{ state: "closed" }, { state: "open" }, { state: "closed" }]);
    expect(issueOf("FX-1")!.state).toBe("open");
    expect(issueOf("FX-1")!.body).toBe(real.body);
    expect(app.errors()).toEqual([]);
  });
});
