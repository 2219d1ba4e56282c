import { describe, expect, it } from "vitest";
import { benchApi } from "../../bench/api-bench.js";
import { benchHierarchy } from "../../bench/hierarchy-bench.js";
import { benchSpecKit, RESCAN_CHARGED_LIMIT } from "../../bench/spec-kit-bench.js";
import { benchWriteBudget } from "../../bench/write-budget-bench.js";

/**
 * The request counts of issue #22's table, pinned: the bench prints them, these fail when one
 * moves. Counts are exact because the simulator logs every request.
 */
describe("GitHub's floor: request counts of the bench table", () => {
  it("generated 1,000-task plan with 20 epics: first sync is 1,125 writes, one per issue", async () => {
    const [row] = (await benchApi({ firstSyncSizes: [1_000], proseSizes: [] })).slice(1);
    expect(row!.problems).toEqual([]);
    expect(row!.breakdown).toEqual({
      issueCreates: 1_020,
      issueUpdates: 100,
      closes: 100,
      milestones: 1,
      labels: 2,
      blockedBy: 0,
      subIssueLinks: 0,
      checkRuns: 2,
      other: 0,
    });
    expect(row!.writes).toBe(1_125);
    expect(row!.ratio).toBe(1);
    expect(row!.ok).toBe(true);
  }, 120_000);

  it("first syncs of 10 and 100 tasks are at the floor (ratio 1.00)", async () => {
    const rows = (await benchApi({ firstSyncSizes: [10, 100], proseSizes: [] })).slice(1);
    expect(rows.map((r) => [r.scenario, r.ratio, r.ok, r.problems])).toEqual([
      ["first sync, 10 tasks", 1, true, []],
      ["first sync, 100 tasks", 1, true, []],
    ]);
    expect(rows.map((r) => r.breakdown.issueCreates)).toEqual([11, 102]);
  }, 120_000);

  it("prose-only push on 1,000 synced tasks: no write, at most 5 rate-limited reads", async () => {
    const rows = await benchApi({ firstSyncSizes: [], proseSizes: [1_000] });
    const prose = rows.find((r) => r.scenario === "prose edit, 1,000 tasks synced")!;
    expect(prose.problems).toEqual([]);
    expect(prose.writes).toBe(0);
    expect(prose.chargedReads).toBeLessThanOrEqual(5);
    expect(prose.notModified).toBeGreaterThan(0);
    expect(rows[0]!.requests).toBe(0);
  }, 120_000);

  it("epic-breakdown fixture: first sync is 25 writes with no sub-issue call; re-sync and redelivery write nothing", async () => {
    const rows = await benchHierarchy();
    const [first, resync, redelivered] = rows;
    expect(first!.problems).toEqual([]);
    expect(first!.writes).toBe(25);
    expect(first!.byOperation.get("issues/add-sub-issue")).toBeUndefined();
    expect(first!.byOperation.get("issues/reprioritize-sub-issue")).toBeUndefined();
    expect(first!.target?.ok).toBe(true);
    expect([resync!.writes, redelivered!.writes]).toEqual([0, 0]);
  }, 120_000);

  it("an unchanged full rescan makes at most 3 rate-limited requests; the rest answer 304", async () => {
    const row = await benchSpecKit(4);
    expect(row.problems).toEqual([]);
    const rescan = row.runs[2]!;
    expect(rescan.writes).toBe(0);
    expect(rescan.charged).toBeLessThanOrEqual(RESCAN_CHARGED_LIMIT);
    expect(rescan.notModified).toBeGreaterThan(0);
  }, 120_000);

  it("ETA line for a 7,370-task first sync: present, and within 10% of the simulated duration", () => {
    const row = benchWriteBudget();
    expect(row.ok).toBe(true);
  });
});
