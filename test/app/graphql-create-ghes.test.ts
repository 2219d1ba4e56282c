import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * A GitHub Enterprise Server whose GraphQL `createIssue` has no `parentIssueId`: plansync learns
 * it from its one node id query and creates through REST as before, a create and then a link per
 * child, with the same writes and the same result.
 */

const EPICS = readFileSync(new URL("../../fixtures/plans/epic-breakdown.md", import.meta.url), "utf8");
const PATH = "docs/epics.md";

let app: TestApp | undefined;
checkAfterEach(() => app);

const count = (ids: (string | null)[]) => {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id ?? "?"] = (counts[id ?? "?"] ?? 0) + 1;
  return counts;
};
const taskOf = (number: number) => readMarker(app!.sim.issue(FULL, number)!.body)!.id;
const storiesOf = (epic: string) => app!.sim.subIssues(FULL, issueOfTask(app!, epic).number).map(taskOf);

describe("creating issues on a GitHub Enterprise Server without parentIssueId", () => {
  it("writes what REST always wrote, gets the same hierarchy, and sends GraphQL no mutation", async () => {
    app = startApp({});
    app.sim.graphqlWithout(["CreateIssueInput.parentIssueId"]);
    await app.push({ [PATH]: EPICS });
    expect(count(app.sim.writes().map((w) => w.operationId))).toEqual({
      "issues/create": 17,
      "issues/add-sub-issue": 12,
      "issues/add-blocked-by-dependency": 4,
      "issues/create-label": 2,
      "checks/create": 1,
      "checks/update": 1,
    });
    expect(app.sim.writes()).toHaveLength(37);
    expect(app.sim.reads().filter((r) => r.operationId?.startsWith("graphql:"))).toHaveLength(1);
    expect(storiesOf("Epic 0")).toEqual(["BE-001", "BE-002", "BE-003"]);
    expect(storiesOf("Epic 3")).toEqual(["BE-301", "BE-302", "BE-303"]);

    expect(app.sim.requests.filter((r) => r.operationId === "graphql:mutation:createIssue")).toEqual([]);

    // A story added later: one query finds the host unchanged, then a REST create and link.
    await app.push({ [PATH]: EPICS.replace("- **BE-202:**", "- **BE-204:** Rate limits\n\n- **BE-202:**") });
    expect(app.sim.requests.filter((r) => r.path.endsWith("/graphql")).map((r) => r.operationId)).toEqual([
      "graphql:query:repository",
    ]);
    expect(storiesOf("Epic 2")).toEqual(["BE-201", "BE-204", "BE-202"]);
  });
});
