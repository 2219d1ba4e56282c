// Regression, issue #22 (write budget / ETA): syncEta counts one content-creating write per operation, but an
// operation can send several: `set-blocked-by` sends one request per blocker added or removed
// (apply-links.ts), `update-issue` one each for the fields, labels added, each label removed,
// assignees added and removed (apply-operations.ts). A first sync of a plan with dependencies
// then takes far longer under the budget than its ETA says.
import { describe, expect, it } from "vitest";
import { MemoryWriteBudget, RESUME_CHUNK } from "../../src/github/write-budget.js";
import { SHORT_WAIT_MS } from "../../src/github/write-budget-plugin.js";
import { syncEta } from "../../src/sync/sync-eta.js";
import type { Operation } from "../../src/sync/sync-types.js";

/** Sends `paces` (one entry per request, its spacing) through the real budget on a virtual clock. */
function simulate(paces: number[]): number {
  const budget = new MemoryWriteBudget();
  let now = 0;
  for (let i = 0; i < paces.length;) {
    const { waitMs, chunkWaitMs } = budget.reserveNow("1", "octo/plans", now, RESUME_CHUNK);
    if (waitMs === 0) {
      i++;
      if (i < paces.length) now += paces[i]!;
    } else if (waitMs <= SHORT_WAIT_MS) now += waitMs;
    else now += chunkWaitMs;
  }
  return now;
}

describe("the ETA of a first sync whose tasks depend on each other", () => {
  it("counts the requests the operations send, so the ETA is within 10% of the duration under the budget", () => {
    const TASKS = 500;
    const creates: Operation[] = Array.from({ length: TASKS }, (_, i) => ({
      kind: "create-issue",
      taskId: `T${i + 1}`,
      title: `Task ${i + 1}`,
      body: "",
      labels: [],
      milestone: null,
      assignees: [],
    }));
    // Each task after the second is blocked by the two before it (a spec-kit's "depends on").
    const links: Operation[] = Array.from({ length: TASKS - 2 }, (_, j) => {
      const i = j + 2;
      return {
        kind: "set-blocked-by",
        issue: { taskId: `T${i + 1}` },
        taskId: `T${i + 1}`,
        add: [
          { ref: { taskId: `T${i - 1}` }, taskId: `T${i - 1}` },
          { ref: { taskId: `T${i}` }, taskId: `T${i}` },
        ],
        remove: [],
        read: false,
      };
    });
    const estimate = syncEta([...creates, ...links], TASKS);
    // The requests apply sends: one per create (GraphQL, or REST without a parent), one per
    // blocker added. Creates notify (3 s apart); dependency links are other writes (1 s).
    const requests = TASKS + 2 * (TASKS - 2);
    const simulated = simulate([...Array(TASKS).fill(3_000), ...Array(2 * (TASKS - 2)).fill(1_000)]);
    expect({
      writes: estimate.writes,
      withinTenPercent: Math.abs(estimate.durationMs - simulated) <= 0.1 * simulated,
    }).toEqual({
      writes: requests,
      withinTenPercent: true,
    });
  });
});
