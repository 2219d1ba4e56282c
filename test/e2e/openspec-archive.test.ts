import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { pushPayload } from "../app/webhook-payloads.js";
import type { GitHubSim } from "../sim/github-sim.js";
import type { AppProcess } from "./app-process.js";
import { startPlansRepoApp } from "./plans-repo-app.js";

/**
 * `openspec archive` against the app as its own process: the change's folder moves under
 * `archive/<date>-<slug>/` with every task ticked in the same push. Its issues are closed as
 * completed, none is made, nothing is commented, and the push delivered again writes nothing.
 */
const FULL = "octo/plans";
const TARGET = { owner: "octo", repo: "plans" };
const LIVE = "openspec/changes/add-login/tasks.md";
const ARCHIVED = "openspec/changes/archive/2026-12-01-add-login/tasks.md";
const SYNC_MS = 30_000;
const change = (box: " " | "x") =>
  `## 1. Login form\n- [${box}] 1.1 Add the form\n- [${box}] 1.2 Check the password\n\n` +
  `## 2. Tests\n- [${box}] 2.1 Unit tests\n- [${box}] 2.2 Integration tests\n`;

let sim: GitHubSim;
let app: AppProcess;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ sim, app, stop } = await startPlansRepoApp());
});

afterAll(async () => {
  await stop?.();
});

const syncsDone = () => app.jsonLines().filter((l) => l.kind === "sync" && l.repo === FULL && l.outcome === "done");

/** Delivers the push and waits until the app logs one more finished sync. */
async function deliverAndWait(payload: unknown) {
  const done = syncsDone().length;
  expect((await app.deliver("push", payload)).status).toBe(200);
  await app.waitFor("the sync of the push", SYNC_MS, () => (syncsDone().length > done ? true : undefined));
}

async function push(changes: Record<string, string | null>) {
  const { sha, before } = sim.commitFiles(FULL, "main", changes, "Update plans");
  const paths = Object.keys(changes);
  const payload = pushPayload(TARGET, {
    before,
    after: sha,
    added: paths.filter((p) => changes[p] !== null),
    removed: paths.filter((p) => changes[p] === null),
  });
  sim.resetLog();
  await deliverAndWait(payload);
  return payload;
}

describe("archiving an OpenSpec change, against the app process", () => {
  it("closes its four issues as completed, creates and comments nothing, and a redelivery writes nothing", async () => {
    await push({ [LIVE]: change(" ") });
    const numbers = sim.issues(FULL).map((i) => i.number);
    expect(numbers).toHaveLength(4);

    const archive = await push({ [LIVE]: null, [ARCHIVED]: change("x") });
    const writes = sim.writes().map((w) => `${w.method} ${w.path.replace(/\?.*$/, "")}`);
    expect(writes.filter((w) => w === `POST /repos/${FULL}/issues`)).toEqual([]);
    expect(writes.filter((w) => w.endsWith("/comments"))).toEqual([]);
    expect(sim.issues(FULL).map((i) => i.number)).toEqual(numbers);
    expect(sim.issues(FULL).map((i) => [i.state, i.state_reason, readMarker(i.body)?.file])).toEqual(
      numbers.map(() => ["closed", "completed", ARCHIVED]),
    );

    sim.resetLog();
    await deliverAndWait(archive);
    expect(sim.writes()).toEqual([]);
    expect(app.errors()).toEqual([]);
  }, 90_000); // Creates are paced about a second apart, as GitHub asks: the first sync takes ~10 s.
});
