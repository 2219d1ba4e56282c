import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * Sub-issue order with creates that carry their parent (issue #22): a child created under its
 * parent is appended at its create, before the sync's separate links. A parent created in this
 * sync records the doc's order in its marker at once and is never reordered, so its children are
 * carried only while that keeps the doc's order (fuse-creates.ts); an existing parent is
 * reordered when its appends land out of place (reconcile-sub-issues.ts).
 */

let app: TestApp | undefined;
checkAfterEach(() => app);

const PATH = "docs/plan.md";
const taskOf = (number: number) => readMarker(app!.sim.issue(FULL, number)!.body)!.id;
const children = (id: string) => app!.sim.subIssues(FULL, issueOfTask(app!, id).number).map(taskOf);

const BEFORE = "# Plan\n\n- [ ] A-2: Existing\n";
const AFTER = "# Plan\n\n- [ ] A-1: Parent\n  - [ ] A-2: Existing\n  - [ ] A-3: New\n";

describe("sub-issue order with creates carrying their parent", () => {
  it("keeps doc order when an existing task and a new task go under a new parent", async () => {
    app = startApp({});
    await app.push({ [PATH]: BEFORE });
    await app.push({ [PATH]: AFTER });
    expect(children("A-1")).toEqual(["A-2", "A-3"]);
  });

  it("a later sync puts that new parent's sub-issues in doc order (the wrong order is not permanent)", async () => {
    app = startApp({});
    await app.push({ [PATH]: BEFORE });
    await app.push({ [PATH]: AFTER });
    await app.push({ [PATH]: `${AFTER}\n` });
    await app.push({ [PATH]: `${AFTER}\n\n` });
    expect(children("A-1")).toEqual(["A-2", "A-3"]);
  });

  it("keeps that doc order on a host without parentIssueId too (REST create, then its link at once)", async () => {
    app = startApp({});
    app.sim.graphqlWithout(["CreateIssueInput.parentIssueId"]);
    await app.push({ [PATH]: BEFORE });
    await app.push({ [PATH]: AFTER });
    expect(children("A-1")).toEqual(["A-2", "A-3"]);
  });

  it("keeps doc order when an existing sub-issue moves from another parent to a new one beside a new task", async () => {
    app = startApp({});
    await app.push({ [PATH]: "# Plan\n\n- [ ] A-0: Old parent\n  - [ ] A-2: Moved\n  - [ ] A-5: Stays\n" });
    await app.push({
      [PATH]:
        "# Plan\n\n- [ ] A-0: Old parent\n  - [ ] A-5: Stays\n- [ ] A-1: New parent\n  - [ ] A-2: Moved\n  - [ ] A-3: New\n",
    });
    expect(children("A-1")).toEqual(["A-2", "A-3"]);
  });

  it("keeps doc order for outline numbers when a child is written above its new parent", async () => {
    app = startApp({});
    // A1.1 is under A1 by its number though written first; A1.2 comes after the parent.
    await app.push({ [PATH]: "# Plan\n\n- [ ] A1.1: First child\n- [ ] A1: Parent\n- [ ] A1.2: Second child\n" });
    expect(children("A1")).toEqual(["A1.1", "A1.2"]);
  });
});

describe("sub-issue order after one child's create is refused once", () => {
  it("puts a new parent's sub-issues in doc order once the refused child is created by a later sync", async () => {
    app = startApp({});
    const doc = "# Plan\n\n- [ ] A-1: Parent\n  - [ ] A-2: C1\n  - [ ] A-3: C2\n  - [ ] A-4: C3\n";
    // A-3's create is refused once, by GraphQL and then by the REST fallback (a 422 is a refusal:
    // skipped and reported, the rest of the sync goes on, the next push tries it again).
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/graphql",
      status: 200,
      body: { data: { createIssue: null }, errors: [{ type: "UNPROCESSABLE", message: "refused once" }] },
      after: 3, // the node id query, then A-1's and A-2's creates
    });
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/plans/issues",
      status: 422,
      body: { message: "Validation Failed" },
    });
    await app.push({ [PATH]: doc });
    expect(issueOfTask(app, "A-3")).toBeUndefined();
    await app.push({ [PATH]: `${doc}\n` });
    await app.push({ [PATH]: `${doc}\n\n` });
    // The parent's marker was written at its create with the doc's order hash, so no sync reorders.
    expect(children("A-1")).toEqual(["A-2", "A-3", "A-4"]);
  });
});

describe("sub-issue order when an existing parent's reorder names a child whose create was refused", () => {
  it("orders the children that exist, so the refused one lands in place when a later sync creates it", async () => {
    app = startApp({});
    await app.push({ [PATH]: "# Plan\n\n- [ ] A-1: Parent\n- [ ] A-2: Existing\n" });
    const doc = "# Plan\n\n- [ ] A-1: Parent\n  - [ ] A-2: Existing\n  - [ ] A-3: New\n  - [ ] A-4: Refused once\n";
    // A-4's create is refused (GraphQL, then REST): A-1's reorder names it, and runs without it.
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/graphql",
      status: 200,
      body: { data: { createIssue: null }, errors: [{ type: "UNPROCESSABLE", message: "refused once" }] },
      after: 2, // the node id query, then A-3's create
    });
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/plans/issues",
      status: 422,
      body: { message: "Validation Failed" },
    });
    await app.push({ [PATH]: doc });
    expect(issueOfTask(app, "A-4")).toBeUndefined();
    expect(children("A-1")).toEqual(["A-2", "A-3"]);
    await app.push({ [PATH]: `${doc}\n` });
    await app.push({ [PATH]: `${doc}\n\n` });
    expect(children("A-1")).toEqual(["A-2", "A-3", "A-4"]);
  });
});
