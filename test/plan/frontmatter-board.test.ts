import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

describe("frontmatter project", () => {
  it("reads a project address", () => {
    const plan = parsePlan(
      "---\ntitle: Plan\nproject: https://github.com/orgs/acme/projects/7\n---\n\n- [ ] T001: a\n",
    );
    expect(plan.project).toBe("https://github.com/orgs/acme/projects/7");
    expect(plan.diagnostics).toEqual([]);
  });

  it("reads a user project on another host, trimmed", () => {
    const plan = parsePlan('---\nproject: " https://ghe.example.com/users/octo/projects/3/ "\n---\n- [ ] T001: a\n');
    expect(plan.project).toBe("https://ghe.example.com/users/octo/projects/3/");
  });

  it("reads a project address copied from the browser, with its view and query", () => {
    const plan = parsePlan(
      "---\nproject: https://github.com/orgs/acme/projects/7/views/1?layout=board\n---\n- [ ] T001: a\n",
    );
    expect(plan.project).toBe("https://github.com/orgs/acme/projects/7/views/1?layout=board");
    expect(plan.diagnostics).toEqual([]);
    expect(
      parsePlan("---\nproject: https://github.com/orgs/acme/projects/7/settings\n---\n- [ ] T001: a\n").diagnostics.map(
        (d) => d.code,
      ),
    ).toEqual(["bad-project"]);
  });

  it("warns on the key's line about a value that is no project address, and keeps none", () => {
    const plan = parsePlan("---\ntitle: Plan\nproject: acme roadmap\n---\n\n- [ ] T001: a\n");
    expect(plan).not.toHaveProperty("project");
    expect(plan.tasks.map((t) => t.id)).toEqual(["T001"]);
    expect(plan.diagnostics).toEqual([
      {
        severity: "warning",
        code: "bad-project",
        message:
          "project \"acme roadmap\" is not a project's address. Write it as https://github.com/orgs/<org>/projects/<number> (or users/<login>/projects/<number>); until then this doc's tasks use the config's project.",
        line: 3,
        column: 1,
      },
    ]);
  });

  it("warns about a project that is not text", () => {
    const plan = parsePlan("---\nproject:\n  url: x\n---\n- [ ] T001: a\n");
    expect(plan).not.toHaveProperty("project");
    expect(plan.diagnostics.map((d) => [d.code, d.line, d.message.slice(0, 31)])).toEqual([
      ["bad-project", 2, "project (not text) is not a pro"],
    ]);
  });

  it("leaves a plan without one as it was, with no project key", () => {
    expect(parsePlan("---\ntitle: x\n---\n- [ ] T001: a\n")).not.toHaveProperty("project");
    expect(parsePlan("- [ ] T001: a\n")).not.toHaveProperty("project");
    expect(parsePlan("---\nproject:\n---\n- [ ] T001: a\n").diagnostics).toEqual([]);
  });

  it("reads a task file's project", () => {
    const plan = parsePlan(
      "---\nid: task-12\ntitle: Ship\nstatus: To Do\nproject: https://github.com/orgs/acme/projects/7\n---\nBody\n",
    );
    expect(plan.tasks.map((t) => t.id)).toEqual(["task-12"]);
    expect(plan.project).toBe("https://github.com/orgs/acme/projects/7");
  });

  it("warns about a task file's bad project on its line", () => {
    const plan = parsePlan("---\nid: task-12\ntitle: Ship\nstatus: To Do\nproject: 7\n---\nBody\n");
    expect(plan).not.toHaveProperty("project");
    expect(plan.diagnostics.map((d) => [d.code, d.line])).toEqual([["bad-project", 5]]);
  });

  it("never throws on odd values", () => {
    for (const value of ["[1, 2]", "{a: 1}", "null", "~", "''", "2026-01-01", "true", "&a x", "!!binary aGk="])
      expect(() => parsePlan(`---\nproject: ${value}\n---\n- [ ] T001: a\n`)).not.toThrow();
  });
});

describe("frontmatter milestone start", () => {
  it("reads start_date beside target_completion", () => {
    const plan = parsePlan(
      "---\nmilestone_name: M1\nstart_date: 2026-02-01\ntarget_completion: 2026-03-15\n---\n- [ ] T001: a\n",
    );
    expect(plan.milestones).toEqual([
      { title: "M1", dueOn: "2026-03-15", startOn: "2026-02-01", state: "open", stated: false, line: 1 },
    ]);
  });

  it("reads start and started, quoted or not", () => {
    expect(parsePlan('---\nmilestone_name: M1\nstart: "2026-02-03"\n---\n').milestone?.startOn).toBe("2026-02-03");
    expect(parsePlan("---\nmilestone_name: M1\nstarted: 2026-02-04\n---\n").milestone?.startOn).toBe("2026-02-04");
  });

  it("warns about a start that is no date and keeps none", () => {
    const plan = parsePlan("---\nmilestone_name: M1\nstart_date: next week\n---\n");
    expect(plan.milestone).toEqual({ title: "M1", dueOn: null, state: "open", stated: false, line: 1 });
    expect(plan.diagnostics).toEqual([
      {
        severity: "warning",
        code: "bad-date",
        message:
          'start_date "next week" is not a date. Write it as YYYY-MM-DD; the milestone gets no start date until then.',
        line: 1,
        column: 1,
      },
    ]);
  });

  it("keeps a milestone without a start the shape it had", () => {
    const plan = parsePlan("---\nmilestone_name: M1\n---\n");
    expect(plan.milestone).not.toHaveProperty("startOn");
  });
});
