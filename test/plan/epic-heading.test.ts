import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";
import { epicHeading, readEpicRefs } from "../../src/plan/epic-heading.js";
import { createIdMatcher } from "../../src/plan/id-matcher.js";

const matcher = createIdMatcher({});

describe("epic headings", () => {
  it.each([
    ["Epic 2: Core API Framework", { id: "Epic 2", title: "Core API Framework" }],
    ["EPIC 12 - Billing", { id: "Epic 12", title: "Billing" }],
    ["Epic #3 — Reports", { id: "Epic 3", title: "Reports" }],
    ["Epic 4", { id: "Epic 4", title: "Epic 4" }],
    ["EP-2: Query API epic", { id: "EP-2", title: "Query API epic" }],
  ])("reads %s", (text, expected) => {
    expect(epicHeading(text, matcher)).toEqual(expected);
  });

  it.each(["Epics", "Epic planning notes", "Phase 1: Core API Foundation", "Stories:", "Epicurean 2: food"])(
    "does not take %s for an epic",
    (text) => {
      expect(epicHeading(text, matcher)).toBeNull();
    },
  );

  it("reads the epics a dependency field names", () => {
    expect(readEpicRefs("Epic 0 complete, Epic 1 in progress; epic #2")).toEqual(["Epic 0", "Epic 1", "Epic 2"]);
  });

  it("gives each story its epic, and each epic its fields, body and dependencies", () => {
    const plan = parsePlan(
      [
        "## Phase 1",
        "",
        "### Epic 1: Auth",
        "**Duration:** 2 weeks  ",
        "**Dependencies:** Epic 0 complete",
        "",
        "#### Stories:",
        "- **BE-101:** Login",
        "",
        "## Notes",
        "",
        "- **BE-900:** Not in an epic",
        "",
      ].join("\n"),
    );
    expect(plan.epics).toEqual([
      {
        id: "Epic 1",
        title: "Auth",
        line: 3,
        column: 1,
        fields: { Duration: "2 weeks", Dependencies: "Epic 0 complete" },
        body: "**Duration:** 2 weeks  \n**Dependencies:** Epic 0 complete",
        dependsOn: ["Epic 0"],
        milestone: null,
      },
    ]);
    expect(plan.tasks.map((t) => [t.id, t.epic])).toEqual([
      ["BE-101", "Epic 1"],
      ["BE-900", null],
    ]);
  });
});
