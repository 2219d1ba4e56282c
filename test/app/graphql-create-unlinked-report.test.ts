import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * A create that names a parent but was made without it (the parent's create was refused earlier
 * in the sync) is reported as a plain create: no sub-issue claim, no link counted; the link is
 * listed as refused. And a GraphQL create refused with errors after GitHub made the issue is
 * found by its marker, not made twice through REST.
 */

let app: TestApp | undefined;
checkAfterEach(() => app);

describe("the check run after a create whose parent link did not happen", () => {
  it("does not report the child as a sub-issue, nor count its link, when its parent's create was refused", async () => {
    app = startApp({});
    // A-1's create is refused: by GraphQL, then by the REST fallback (a 422: skipped, reported).
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/graphql",
      status: 200,
      body: { data: { createIssue: null }, errors: [{ type: "UNPROCESSABLE", message: "refused once" }] },
      after: 1, // the node id query
    });
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/plans/issues",
      status: 422,
      body: { message: "Validation Failed" },
    });
    await app.push({ "docs/plan.md": "# Plan\n\n- [ ] A-1: Parent\n  - [ ] A-2: Child\n" });

    const child = issueOfTask(app, "A-2");
    expect(child).toBeDefined();
    expect(app.sim.parentOf(FULL, child.number)).toBeNull(); // GitHub: A-2 is no sub-issue
    const run = app.sim.checkRuns(FULL).at(-1)!;
    expect(run.output.summary).toContain("- A-2 (sub-issue of A-1): the issue for A-1 was not created");
    // The report must not say the opposite of GitHub's state.
    expect(run.output.summary).toContain("Sub-issue and dependency links: 0.");
    expect(run.output.text).not.toMatch(/\| A-2 \|[^\n]*sub-issue of A-1 \| done \|/);
    expect(run.output.text).toContain(
      `| A-2 | [#${child.number}](https://github.com/${FULL}/issues/${child.number}) | created | done |`,
    );
  });
});

describe("a GraphQL create refused with errors after GitHub made the issue", () => {
  it("finds the issue by its marker instead of creating it again through REST", async () => {
    app = startApp({});
    // A-2's createIssue goes through (under A-1), but the answer is an error with no data.
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/graphql",
      status: 200,
      body: { data: { createIssue: null }, errors: [{ type: "UNPROCESSABLE", message: "made, then failed" }] },
      after: 2, // the node id query, then A-1's create
      applied: true,
    });
    await app.push({ "docs/plan.md": "# Plan\n\n- [ ] A-1: Parent\n  - [ ] A-2: Child\n" });

    const made = app.sim
      .writes()
      .filter((w) => w.operationId === "issues/create" || w.operationId === "graphql:mutation:createIssue");
    expect(made).toHaveLength(2); // once each
    expect(app.sim.writes().some((w) => w.operationId === "issues/add-sub-issue")).toBe(false);
    const child = issueOfTask(app, "A-2");
    expect(app.sim.parentOf(FULL, child.number)).toBe(issueOfTask(app, "A-1").number);
    const run = app.sim.checkRuns(FULL).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("Sub-issue and dependency links: 1.");
  });
});
