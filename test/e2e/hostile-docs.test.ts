import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PLAN_BYTES } from "../../src/plan/index.js";
import { pushPayload } from "../app/webhook-payloads.js";
import { checklistLines, nestedLists, nestedQuotes } from "../hostile-docs.js";
import { GitHubSim, type RunningServer } from "../sim/github-sim.js";
import { appCredentials } from "./app-credentials.js";
import { AppProcess, sleep } from "./app-process.js";
import { ProcessWatch, statusKb, type WatchFigures } from "./process-watch.js";

/**
 * Issue #19, against the app as its own process: a hostile plan file pushed to one repository
 * while a normal plan is pushed to another repository of the same installation. The app keeps
 * answering, syncs the other repository, stays within its memory, reports the hostile file in
 * its check run (no failing job, no retries) and stops promptly on SIGTERM.
 */

const HEALTH_MS = 2_000;
const OTHER_SYNC_MS = 60_000;
/** The hostile file's job: its parse budget (30 s by default, but the caps refuse these first), a fresh thread, the sync; slack for a busy CI machine. */
const HOSTILE_REPORT_MS = 90_000;
const PEAK_RSS_MB = 1024;
const STOP_MS = 5_000;

const NORMAL_PLAN = "# Plan\n\n- [ ] OT-1 First task\n- [ ] OT-2 Second task\n- [x] OT-3 Done task\n";

/** The table of issue #19, plus a large file that is still allowed. */
const CASES: { name: string; text: () => string; allowed?: boolean }[] = [
  { name: "50,000 nested > (50 KB)", text: () => nestedQuotes(50_000) },
  { name: "20,000 nested list levels (40 KB)", text: () => nestedLists(20_000) },
  { name: "15 MB of checklist lines (over the size cap)", text: () => checklistLines(15 * 1024 * 1024) },
  { name: "1 MB of checklist lines (allowed)", text: () => checklistLines(1024 * 1024), allowed: true },
];

let sim: GitHubSim;
let simServer: RunningServer | undefined;
let app: AppProcess;
const figures: Record<string, WatchFigures & { otherSyncMs: number }> = {};

function push(repo: string, files: Record<string, string>) {
  const { sha, before } = sim.commitFiles(`octo/${repo}`, "main", files, "Add plan");
  return pushPayload({ owner: "octo", repo }, { before, after: sha, added: Object.keys(files) });
}

/** The app's log lines about one repository's jobs. */
const jobLines = (repo: string) => app.jsonLines().filter((l) => l.repo === `octo/${repo}` && "outcome" in l);

/** The app's log without its request lines: /healthz every 250 ms would bury everything else. */
const appLog = () =>
  app
    .jsonLines()
    .filter((l) => !/^(GET|POST) /.test(String(l.msg)))
    .map((l) => JSON.stringify(l))
    .join("\n");

async function waitFor<T>(what: string, ms: number, check: () => T | undefined): Promise<T> {
  try {
    return await app.waitFor(what, ms, check);
  } catch (error) {
    throw new Error(`${(error as Error).message.split("\n")[0]}\n${appLog()}`);
  }
}

beforeAll(async () => {
  expect(MAX_PLAN_BYTES).toBeLessThan(15 * 1024 * 1024);
  expect(MAX_PLAN_BYTES).toBeGreaterThan(1024 * 1024);
  sim = new GitHubSim();
  for (const index of CASES.keys()) {
    sim.addRepo({ owner: "octo", repo: `hostile-${index}`, files: { "README.md": "# Hostile\n" } });
    sim.addRepo({ owner: "octo", repo: `other-${index}`, files: { "README.md": "# Other\n" } });
  }
  simServer = await sim.listen();
  app = new AppProcess({ name: "app", ...appCredentials(), simPort: simServer.port });
  await app.start();
});

afterAll(async () => {
  console.table(figures);
  try {
    await app?.stop("SIGKILL");
  } finally {
    await simServer?.close();
  }
});

describe("a hostile plan file in one repository", () => {
  for (const [index, { name, text, allowed }] of CASES.entries()) {
    it(`${name}: the app answers, syncs the other repository, and reports the file`, async () => {
      const hostile = `hostile-${index}`;
      const other = `other-${index}`;
      const hostilePush = push(hostile, { "docs/plan.md": text() });
      const otherPush = push(other, { "docs/plan.md": NORMAL_PLAN });
      const watch = new ProcessWatch(app.child!.pid!, app.port);
      watch.start();
      expect((await app.deliver("push", hostilePush)).status).toBeLessThan(300);
      const sent = Date.now();
      expect((await app.deliver("push", otherPush)).status).toBeLessThan(300);

      await waitFor(`octo/${other}'s 3 issues and check run`, OTHER_SYNC_MS, () =>
        sim.issues(`octo/${other}`).length >= 3 && sim.checkRuns(`octo/${other}`).some((r) => r.conclusion)
          ? true
          : undefined,
      );
      const otherSyncMs = Date.now() - sent;
      // The job's log line follows its check run, the sync's last write (a sync with nothing to say posts none).
      await waitFor(`octo/${hostile}'s job`, HOSTILE_REPORT_MS, () =>
        jobLines(hostile).length > 0 ? true : undefined,
      );
      const run = sim.checkRuns(`octo/${hostile}`).find((r) => r.headSha === hostilePush.after);
      // Settle: a failing job would show as a retry here.
      await sleep(1_000);
      const watched = await watch.stop();
      figures[name] = { ...watched, otherSyncMs };

      expect(watched.unanswered, appLog()).toBe(0);
      expect(watched.maxHealthMs).toBeLessThan(HEALTH_MS);
      expect(watched.peakRssMb).toBeLessThan(PEAK_RSS_MB);
      expect(otherSyncMs).toBeLessThan(OTHER_SYNC_MS);
      expect(
        jobLines(hostile).map((l) => [l.outcome, l.attempt]),
        appLog(),
      ).toEqual([["done", 1]]);
      if (!allowed) {
        expect(run?.conclusion).toBe("failure");
        // Refused by the parser's caps (at the line past them) or stopped by the pool (at line 1).
        expect(run?.annotations).toEqual([
          expect.objectContaining({ path: "docs/plan.md", annotation_level: "failure" }),
        ]);
      } else {
        // Read in full (nothing to report), or stopped by its budget on a slow machine (reported).
        expect(run?.annotations.every((a) => a.path === "docs/plan.md") ?? true).toBe(true);
      }
      expect(sim.issues(`octo/${hostile}`)).toEqual([]);
      expect(sim.violations).toEqual([]);
    }, 180_000);
  }

  it("peaks under 1 GB, and stops within a few seconds of SIGTERM", async () => {
    const pid = app.child!.pid!;
    const peakMb = statusKb(pid, "VmHWM") / 1024;
    console.info(`peak RSS of the app over every case: ${peakMb.toFixed(0)} MB`);
    expect(peakMb).toBeLessThan(PEAK_RSS_MB);
    const started = Date.now();
    await app.stop("SIGTERM", STOP_MS);
    const stopMs = Date.now() - started;
    console.info(`the app exited ${stopMs} ms after SIGTERM`);
    expect(app.exited, appLog()).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(STOP_MS);
    expect(app.errors(), appLog()).toEqual([]);
  });
});
