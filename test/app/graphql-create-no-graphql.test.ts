import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * A server without the GraphQL API (`POST /graphql` answers 404): every create goes through REST,
 * a create and a link per child, as before.
 */

let app: TestApp | undefined;
checkAfterEach(() => app);

describe("creating issues where /graphql answers 404", () => {
  it("creates through REST, and links each child after its create", async () => {
    app = startApp({});
    app.sim.graphqlDisabled();
    await app.push({ "docs/plan.md": "# Plan\n\n- [ ] A-1: First\n  - [ ] A-2: Second\n  - [ ] A-3: Third\n" });
    // The one 404 (the node id query) is the only GraphQL request; the simulator cannot tell it from a write.
    const writes = app.sim.writes().map((w) => w.operationId);
    expect(writes.filter((w) => !w?.startsWith("checks/") && !w?.startsWith("graphql:"))).toEqual([
      "issues/create-label",
      "issues/create",
      "issues/create",
      "issues/add-sub-issue",
      "issues/create",
      "issues/add-sub-issue",
    ]);
    const graphql = app.sim.requests.filter((r) => r.path.endsWith("/graphql"));
    expect(graphql.map((r) => r.status)).toEqual([404]);
    const parent = issueOfTask(app, "A-1").number;
    expect(app.sim.subIssues(FULL, parent)).toEqual([issueOfTask(app, "A-2").number, issueOfTask(app, "A-3").number]);
  });
});
