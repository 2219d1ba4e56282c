import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { ParsePool } from "../../src/workers/parse-pool.js";
import { useParser } from "../../src/workers/plan-parser.js";
import { MAX_PLAN_BYTES, UNREADABLE_FILE } from "../../src/plan/index.js";
import { FULL, OWNER, REPO, checkAfterEach, startApp, type TestApp } from "../app/app-harness.js";
import { installationCreatedPayload } from "../app/webhook-payloads.js";
import { checklistLines } from "../hostile-docs.js";

/**
 * A file the parse pool gives up on reads as unreadable, like a file with broken frontmatter:
 * reported at line 1, and none of its issues closed, whether it was pushed or found by a full scan.
 */

const PLAN = "# Plan\n\n- [ ] AB-1 First task\n- [ ] AB-2 Second task\n- [x] AB-3 Done task\n";
/** The same tasks, then enough lines that parsing takes far longer than the budget. */
const SLOW_PLAN = PLAN + checklistLines(1_500_000);
const BUDGET_MS = 200;
const SYNCED = { "AB-1": "open", "AB-2": "open", "AB-3": "closed" };

let pool: ParsePool;
let restoreParser: () => void;
beforeAll(() => {
  pool = new ParsePool({ threads: 1, timeoutMs: BUDGET_MS, memoryMb: 512, maxWaiting: 10 });
  restoreParser = useParser(pool.parse);
});
afterAll(async () => {
  restoreParser();
  await pool.destroy();
});

let app: TestApp;
checkAfterEach(() => app);

const isClose = (w: { operationId: string | null; body?: unknown }) =>
  w.operationId === "issues/update" && (w.body as { state?: string } | undefined)?.state === "closed";
const readsPlan = (r: { path: string }) => r.path.endsWith("/contents/docs/plan.md");
const states = () =>
  Object.fromEntries((app.sim.issues(FULL) as any[]).map((i) => [readMarker(i.body)!.id, i.state as string]));
const lastRun = () => app.sim.checkRuns(FULL).at(-1)!;

async function syncedPlan(): Promise<void> {
  app = startApp({});
  await app.push({ "docs/plan.md": PLAN });
  expect(states()).toEqual(SYNCED);
  app.sim.resetLog();
}

/** Every issue as the first sync left it, and no close or removal written since the log was reset. */
function expectUntouched(): void {
  expect(states()).toEqual(SYNCED);
  expect(app.sim.writes().filter(isClose)).toEqual([]);
}

describe("a plan file the parse pool gives up on", () => {
  it("is reported at line 1 when pushed past its time budget, and none of its issues is closed", async () => {
    await syncedPlan();
    await app.push({ "docs/plan.md": SLOW_PLAN });
    expectUntouched();
    expect(lastRun()).toMatchObject({ conclusion: "failure" });
    expect(lastRun().annotations).toEqual([
      expect.objectContaining({
        path: "docs/plan.md",
        start_line: 1,
        annotation_level: "failure",
        title: UNREADABLE_FILE,
      }),
    ]);
    expect(lastRun().annotations[0]!.message).toMatch(/stopped reading this file after 0\.2 s.*split it/i);
  });

  it("keeps its issues on a full scan too", async () => {
    await syncedPlan();
    app.sim.commitFiles(FULL, "main", { "docs/plan.md": SLOW_PLAN }, "Grow the plan");
    await app.receive("installation", installationCreatedPayload({ owner: OWNER, repo: REPO }));
    expectUntouched();
    expect(lastRun().annotations[0]!.message).toMatch(/stopped reading this file/);
  });

  it("is not downloaded on a full scan when the tree says it is over the size cap", async () => {
    await syncedPlan();
    const huge = PLAN + checklistLines(MAX_PLAN_BYTES + 1024);
    app.sim.commitFiles(FULL, "main", { "docs/plan.md": huge }, "Grow the plan");
    await app.receive("installation", installationCreatedPayload({ owner: OWNER, repo: REPO }));
    expectUntouched();
    expect(app.sim.reads().filter(readsPlan)).toEqual([]);
    expect(lastRun().annotations).toEqual([
      expect.objectContaining({ path: "docs/plan.md", start_line: 1, title: UNREADABLE_FILE }),
    ]);
    expect(lastRun().annotations[0]!.message).toMatch(
      /^This file is 2\.0 MiB; plansync reads plan files of at most 2\.0 MiB/,
    );
  });

  it("is reported without being parsed when pushed over the size cap", async () => {
    await syncedPlan();
    await app.push({ "docs/plan.md": PLAN + checklistLines(MAX_PLAN_BYTES + 1024) });
    expectUntouched();
    // A push names no sizes: the file is read, then found too large before any parse.
    expect(app.sim.reads().filter(readsPlan)).toHaveLength(1);
    expect(lastRun().annotations).toEqual([
      expect.objectContaining({ path: "docs/plan.md", start_line: 1, title: UNREADABLE_FILE }),
    ]);
    expect(lastRun().annotations[0]!.message).toMatch(
      /^This file is 2\.0 MiB; plansync reads plan files of at most 2\.0 MiB/,
    );
  });
});
