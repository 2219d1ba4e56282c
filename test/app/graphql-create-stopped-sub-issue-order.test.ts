import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "./app-harness.js";

/**
 * An existing parent's marker gets the doc's new child order (its order hash) in an issue update
 * sent before the new child's create and before the reorder. When the sync stops between the
 * two, the marker says "in order" already: the next sync still reorders, because the child it
 * creates would be appended after a sibling that comes later in the doc.
 */

let app: TestApp | undefined;
// The stopped sync fails its job on purpose.
checkAfterEach(() => app, { jobErrors: true });

const PATH = "docs/plan.md";
const taskOf = (number: number) => readMarker(app!.sim.issue(FULL, number)!.body)!.id;
const children = (id: string) => app!.sim.subIssues(FULL, issueOfTask(app!, id).number).map(taskOf);

describe("sub-issue order after a sync stopped part-way", () => {
  it("puts a story inserted mid-parent in place after the sync that added it stopped before its create", async () => {
    app = startApp({});
    await app.push({ [PATH]: "# Plan\n\n- [ ] A-1: Parent\n  - [ ] A-2: C1\n  - [ ] A-4: C3\n" });
    const doc = "# Plan\n\n- [ ] A-1: Parent\n  - [ ] A-2: C1\n  - [ ] A-3: C2\n  - [ ] A-4: C3\n";
    // The parent's marker (with the new order) is updated first; then A-3's create gets three
    // 502s that made nothing, and the sync stops there (before the reorder).
    app.sim.failNext({ method: "POST", pathIncludes: "/graphql", status: 502, after: 1, times: 3 });
    await app.push({ [PATH]: doc });
    await app.push({ [PATH]: `${doc}\n` });
    await app.push({ [PATH]: `${doc}\n\n` });
    expect(children("A-1")).toEqual(["A-2", "A-3", "A-4"]);
  });
});
