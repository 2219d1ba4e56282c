import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { estimateHours } from "../../src/sync/board-estimate.js";
import { iterationCandidates } from "../../src/sync/board-iteration.js";
import { statusOfOption, statusRole } from "../../src/sync/board-status.js";
import { boardValues, projectKey, projectUrlFor } from "../../src/sync/board-values.js";
import { boardConfig, located } from "./board-fixtures.js";

const config = boardConfig();

describe("projectKey", () => {
  it("keys organisation and user projects by owner and number, host ignored, owner lower-cased", () => {
    expect(projectKey("https://github.com/orgs/acme/projects/7")).toBe("orgs/acme/7");
    expect(projectKey("https://ghe.example.com/users/Octo/projects/3/")).toBe("users/octo/3");
    expect(projectKey(" https://github.com/orgs/Acme/projects/12 ")).toBe("orgs/acme/12");
  });
  it("is null for anything that is no project address", () => {
    expect(projectKey("https://github.com/acme/repo/projects/1")).toBeNull();
    expect(projectKey("https://github.com/orgs/acme/projects/0")).toBeNull();
    expect(projectKey("orgs/acme/7")).toBeNull();
    expect(projectKey("")).toBeNull();
  });
  it("reads an address copied from the browser as its project: a view, a query, a fragment", () => {
    expect(projectKey("https://github.com/orgs/acme/projects/7/views/1")).toBe("orgs/acme/7");
    expect(projectKey("https://github.com/orgs/acme/projects/7/views/12/")).toBe("orgs/acme/7");
    expect(projectKey("https://github.com/orgs/Acme/projects/7?pane=issue&itemId=5")).toBe("orgs/acme/7");
    expect(projectKey("https://github.com/users/octo/projects/3/views/2?layout=board#top")).toBe("users/octo/3");
  });
  it("still rejects any other tail", () => {
    for (const url of [
      "https://github.com/orgs/acme/projects/7/settings",
      "https://github.com/orgs/acme/projects/7/views/0",
      "https://github.com/orgs/acme/projects/7/views/x",
      "https://github.com/orgs/acme/projects/7/views/1/extra",
      "https://github.com/orgs/acme/projects/7?a b",
      "https://github.com/orgs/acme/projects/7x",
    ])
      expect(projectKey(url), url).toBeNull();
  });
});

describe("config project.url", () => {
  it("normalises an address copied from the browser to the project's", () => {
    const parsed = configSchema.parse({ project: "https://github.com/orgs/acme/projects/7/views/1?layout=board" });
    expect(parsed.project.url).toBe("https://github.com/orgs/acme/projects/7");
  });
  it("keeps rejecting anything else with the clear message", () => {
    const result = configSchema.safeParse({ project: "https://github.com/orgs/acme/projects/7/settings" });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("must be a project's address");
  });
});

describe("projectUrlFor", () => {
  const doc = "- [ ] T001: Build it\n";
  it("uses config project.url when the doc names none, and none without either", () => {
    expect(projectUrlFor(located(doc, "T001"), config)).toBe("https://github.com/orgs/acme/projects/7");
    expect(projectUrlFor(located(doc, "T001"), configSchema.parse({}))).toBeNull();
  });
  it("prefers the doc's frontmatter project", () => {
    const own = `---\nproject: https://github.com/users/octo/projects/3\n---\n${doc}`;
    expect(projectUrlFor(located(own, "T001"), config)).toBe("https://github.com/users/octo/projects/3");
    expect(projectUrlFor(located(own, "T001"), configSchema.parse({}))).toBe(
      "https://github.com/users/octo/projects/3",
    );
  });
  it("falls back to the config when the frontmatter project is invalid", () => {
    const bad = `---\nproject: acme board\n---\n${doc}`;
    expect(projectUrlFor(located(bad, "T001"), config)).toBe("https://github.com/orgs/acme/projects/7");
  });
  it("checks a Plan's project again, wherever the Plan came from", () => {
    const task = located(doc, "T001");
    const forged = { ...task, file: { ...task.file, plan: { ...task.file.plan, project: "javascript:alert(1)" } } };
    expect(projectUrlFor(forged, config)).toBe("https://github.com/orgs/acme/projects/7");
  });
  it("gives the project's own address for a frontmatter view address", () => {
    const own = `---\nproject: https://github.com/users/octo/projects/3/views/2?filterQuery=x\n---\n${doc}`;
    expect(projectUrlFor(located(own, "T001"), config)).toBe("https://github.com/users/octo/projects/3");
  });
});

describe("status", () => {
  it("maps boxes to roles", () => {
    expect(statusRole({ checked: true, inProgress: false })).toBe("done");
    expect(statusRole({ checked: false, inProgress: true })).toBe("inProgress");
    expect(statusRole({ checked: false, inProgress: false })).toBe("todo");
    expect(statusRole({ checked: null, inProgress: false })).toBe("todo");
  });
  it("reads from the doc's marks", () => {
    const doc = "- [x] T001: a\n- [~] T002: b\n- [/] T003: c\n- [-] T004: d\n- [ ] T005: e\n";
    expect(["T001", "T002", "T003", "T004", "T005"].map((id) => boardValues(located(doc, id), config).status)).toEqual([
      "done",
      "inProgress",
      "inProgress",
      "inProgress",
      "todo",
    ]);
  });
  it("gives an epic done when all its stories are, in progress when some are, else todo", () => {
    const epic = (a: string, b: string) =>
      `### Epic 1: Query API\n\n- [${a}] **BE-101:** parse\n- [${b}] **BE-102:** plan\n`;
    expect(boardValues(located(epic("x", "x"), "Epic 1"), config).status).toBe("done");
    expect(boardValues(located(epic("x", " "), "Epic 1"), config).status).toBe("inProgress");
    expect(boardValues(located(epic("~", " "), "Epic 1"), config).status).toBe("inProgress");
    expect(boardValues(located(epic(" ", " "), "Epic 1"), config).status).toBe("todo");
  });
  it("reads options back by config names, ignoring case and spacing; unknown options are null", () => {
    const custom = boardConfig({
      project: { url: "https://github.com/orgs/acme/projects/7", status: { inProgress: ["Doing", "In review"] } },
    });
    expect(statusOfOption("  in   REVIEW ", custom)).toBe("inProgress");
    expect(statusOfOption("doing", custom)).toBe("inProgress");
    expect(statusOfOption("Todo", custom)).toBe("todo");
    expect(statusOfOption("DONE", custom)).toBe("done");
    expect(statusOfOption("Blocked", custom)).toBeNull();
    expect(statusOfOption("In Progress", custom)).toBeNull();
  });
});

describe("estimate", () => {
  it("takes points first", () => {
    expect(boardValues(located("- [ ] T001: a (3 points) ~4h\n", "T001"), config).estimate).toBe(3);
  });
  it("reads hours from a time estimate", () => {
    expect(boardValues(located("- [ ] T001: a ~4h\n", "T001"), config).estimate).toBe(4);
    expect(boardValues(located("- [ ] T001: a ~1.5h\n", "T001"), config).estimate).toBe(1.5);
    expect(boardValues(located("- [ ] T001: a ~30m\n", "T001"), config).estimate).toBe(0.5);
    expect(boardValues(located("- [ ] T001: a ~2d\n", "T001"), config).estimate).toBe(16);
    expect(boardValues(located("- [ ] T001: a ~1w\n", "T001"), config).estimate).toBe(40);
  });
  it("reads an Estimate field", () => {
    expect(boardValues(located("- [ ] T001: a\n  - **Estimate:** 1h 30m\n", "T001"), config).estimate).toBe(1.5);
    expect(boardValues(located("- [ ] T001: a\n  - **Estimate:** 5\n", "T001"), config).estimate).toBe(5);
  });
  it("is absent when unreadable or missing", () => {
    expect(boardValues(located("- [ ] T001: a\n  - **Estimate:** a while\n", "T001"), config)).not.toHaveProperty(
      "estimate",
    );
    expect(boardValues(located("- [ ] T001: a\n", "T001"), config)).not.toHaveProperty("estimate");
  });
  it("parses hour texts", () => {
    expect(estimateHours("20m")).toBe(0.33);
    expect(estimateHours("2 hours")).toBe(2);
    expect(estimateHours("1d 4h")).toBe(12);
    expect(estimateHours("4x")).toBeNull();
    expect(estimateHours("")).toBeNull();
    expect(estimateHours("h")).toBeNull();
  });
  it("reads points with their unit, and a time with a leading ~ or ≈", () => {
    for (const text of ["3", "3 points", "3 pts", "3 pt", "3 SP", "3sp", "3 story points", "~3 points"])
      expect(estimateHours(text), text).toBe(3);
    expect(estimateHours("1 point")).toBe(1);
    for (const text of ["~4h", "≈4h", "≈ 4h", "4 hours", "4 hrs", "~ 4 hours"])
      expect(estimateHours(text), text).toBe(4);
    expect(estimateHours("1.5h")).toBe(1.5);
    expect(estimateHours("1h 30m")).toBe(1.5);
    expect(estimateHours("~2 days")).toBe(16);
    expect(estimateHours("1 week")).toBe(40);
  });
  it("reads nothing it cannot read exactly", () => {
    for (const text of ["3 apples", "~", "about 4h", "4h-ish", "3 points 2h", "4 hoursx", "2 sprints", "1,5h", "-3"])
      expect(estimateHours(text), text).toBeNull();
  });
  it("reads a points or ~hours Estimate field", () => {
    expect(boardValues(located("- [ ] T001: a\n  - **Estimate:** 3 points\n", "T001"), config).estimate).toBe(3);
    expect(boardValues(located("- [ ] T001: a\n  - **Estimate:** ~4h\n", "T001"), config).estimate).toBe(4);
    expect(boardValues(located("- [ ] T001: a\n  - **Estimate:** lots\n", "T001"), config)).not.toHaveProperty(
      "estimate",
    );
  });
});

describe("priority", () => {
  it("reads a priority heading's label without decoration", () => {
    const doc = "### 🔄 High Priority (Should Have)\n\n- [ ] T001: a\n";
    expect(boardValues(located(doc, "T001"), config).priority).toBe("high");
  });
  it("reads a spec-kit coded priority", () => {
    const doc = "## Phase 3: User Story 1 (Priority: P1)\n\n- [ ] T010 [P] [US1] Build it\n";
    expect(boardValues(located(doc, "T010"), config).priority).toBe("P1");
  });
  it("prefers the task's own Priority field, then its label, then the doc's field", () => {
    const doc =
      "**Priority:** Low\n\n### Critical Priority\n\n- [ ] T001: a\n  - **Priority:** 🔴 Urgent\n- [ ] T002: b\n\n## Other\n\n- [ ] T003: c\n";
    expect(boardValues(located(doc, "T001"), config).priority).toBe("Urgent");
    expect(boardValues(located(doc, "T002"), config).priority).toBe("critical");
    expect(boardValues(located(doc, "T003"), config).priority).toBe("Low");
  });
  it("is absent when none is named", () => {
    expect(boardValues(located("## Setup\n\n- [ ] T001: a\n", "T001"), config)).not.toHaveProperty("priority");
  });
});

describe("iteration", () => {
  it("takes a Sprint field, a bare number naming Sprint N", () => {
    expect(boardValues(located("**Sprint:** 3\n\n- [ ] T001: a\n", "T001"), config).iteration).toBe("Sprint 3");
    expect(boardValues(located("- [ ] T001: a\n  - **Sprint:** Sprint 14\n", "T001"), config).iteration).toBe(
      "Sprint 14",
    );
    expect(boardValues(located("- [ ] T001: a\n  - **Iteration:** 2\n", "T001"), config).iteration).toBe("Iteration 2");
  });
  it("otherwise guesses the nearest heading, without decoration", () => {
    const doc = "# Plan\n\n## 🏃 Sprint 3\n\n- [ ] T001: a\n";
    expect(boardValues(located(doc, "T001"), config).iteration).toBe("Sprint 3");
  });
  it("is absent with neither", () => {
    expect(boardValues(located("- [ ] T001: a\n", "T001"), config)).not.toHaveProperty("iteration");
  });
  it("takes a stated sprint as the only candidate: headings are no substitute", () => {
    const doc = "# Plan\n\n## Sprint 1\n\n- [ ] T001: a\n  - **Sprint:** 9\n- [ ] T002: b\n";
    expect(iterationCandidates(located(doc, "T001"))).toEqual({ titles: ["Sprint 9"], stated: 1 });
    expect(iterationCandidates(located(doc, "T002"))).toEqual({ titles: ["Sprint 1", "Plan"], stated: 0 });
  });
});

describe("start and target", () => {
  it("take the milestone's start_date and target_completion", () => {
    const doc =
      "---\nmilestone_name: M1\nstart_date: 2026-02-01\ntarget_completion: 2026-03-15\n---\n\n- [ ] T001: a\n";
    const values = boardValues(located(doc, "T001"), config);
    expect(values.start).toBe("2026-02-01");
    expect(values.target).toBe("2026-03-15");
  });
  it("prefer the task's own Start and Due fields", () => {
    const doc =
      "---\nmilestone_name: M1\nstart_date: 2026-02-01\ntarget_completion: 2026-03-15\n---\n\n- [ ] T001: a\n  - **Start:** 2026-02-10\n  - **Due:** 2026-02-20\n- [ ] T002: b\n  - **Target date:** 2026-02-28\n";
    expect(boardValues(located(doc, "T001"), config)).toMatchObject({ start: "2026-02-10", target: "2026-02-20" });
    expect(boardValues(located(doc, "T002"), config)).toMatchObject({ start: "2026-02-01", target: "2026-02-28" });
  });
  it("ignore dates that are not calendar dates", () => {
    const doc = "- [ ] T001: a\n  - **Start:** soon\n  - **Due:** 2026-02-30\n";
    const values = boardValues(located(doc, "T001"), config);
    expect(values).not.toHaveProperty("start");
    expect(values).not.toHaveProperty("target");
  });
  it("are absent without a milestone or fields", () => {
    expect(boardValues(located("- [ ] T001: a\n", "T001"), config)).toEqual({ status: "todo" });
  });
});
