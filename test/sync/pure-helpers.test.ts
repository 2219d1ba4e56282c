import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { checkReport } from "../../src/sync/check-report.js";
import { neutralizeMarkdown } from "../../src/sync/neutralize-mentions.js";
import { createPathMatcher, touchedPlanPaths } from "../../src/sync/plan-paths.js";
import { parsePlan } from "../../src/plan/index.js";
import { checklistChanged, issueChecklist } from "../../src/writeback/issue-checklist.js";
import { commitMessage, planWriteBack, type PendingIssue } from "../../src/writeback/plan-write-back.js";

describe("touchedPlanPaths", () => {
  const matches = createPathMatcher(["docs/**/*.md", "**/tasks.md"]);

  it("keeps plan files only, following adds and removals across commits, in path order", () => {
    const commits = [
      { added: ["docs/a.md", "src/x.ts"], modified: ["README.md"], removed: [] },
      { added: [], modified: ["specs/1/tasks.md"], removed: ["docs/a.md", "docs/b.md"] },
      { added: ["docs/b.md"], modified: [], removed: [] },
    ];
    expect(touchedPlanPaths(commits, matches)).toEqual({
      present: ["docs/b.md", "specs/1/tasks.md"],
      removed: ["docs/a.md"],
    });
  });

  it("matches markdown only", () => {
    expect(matches("docs/plan.md")).toBe(true);
    expect(matches("docs/plan.txt")).toBe(false);
    expect(matches("src/tasks.md")).toBe(true);
  });
});

describe("readConfig", () => {
  it("fills defaults", () => {
    const result = readConfig({ removal: "label" });
    expect(result).toMatchObject({
      ok: true,
      config: {
        removal: { action: "label", limit: 10, confirm: null },
        dryRun: false,
        writeBack: { enabled: true, mode: "commit" },
      },
    });
  });

  it.each([
    [{ ids: { prefixes: ["be"] } }, "ids.prefixes.0: an uppercase prefix such as BE or BE-DB"],
    [{ issues: { title: "{id}" } }, "issues.title: must contain {title}"],
    [{ writeBack: { mode: "push" } }, "writeBack.mode: Invalid option"],
    [{ milestones: { mapp: {} } }, "milestones: unknown key mapp; allowed keys are enabled, map"],
  ])("names the bad key in %j", (raw, message) => {
    const result = readConfig(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.join("\n")).toContain(message);
  });
});

describe("neutralizeMarkdown", () => {
  it.each([
    ["ask @alice", "ask @\u200Balice"],
    ["@org/team first", "@\u200Borg/team first"],
    ["mail ops@example.com", "mail ops@example.com"],
    ["`@code`", "`@code`"],
  ])("%j", (input, output) => {
    expect(neutralizeMarkdown(input)).toBe(output);
  });
});

describe("planWriteBack", () => {
  const pending = (id: string, state: "open" | "closed", file = "docs/p.md"): PendingIssue => ({
    number: Number(id.split("-")[1]),
    state,
    marker: { id, file, state: state === "open" ? "closed" : "open", hash: "h" },
    checklist: null,
  });
  const text = "- [ ] A-1 one\n- [x] A-2 two\n- **A-3:** story\n";

  it("flips only the boxes that differ, and records every agreement", () => {
    const plan = planWriteBack([pending("A-1", "closed"), pending("A-2", "closed")], new Map([["docs/p.md", text]]), {
      insertCheckbox: true,
    });
    expect(plan.files).toEqual(new Map([["docs/p.md", text.replace("- [ ] A-1", "- [x] A-1")]]));
    expect(plan.agreed.map((i) => i.marker.id)).toEqual(["A-1", "A-2"]);
  });

  it("explains what it skips", () => {
    const plan = planWriteBack(
      [pending("A-9", "closed"), pending("A-1", "closed", "docs/gone.md"), pending("A-3", "closed")],
      new Map<string, string | null>([
        ["docs/p.md", text],
        ["docs/gone.md", null],
      ]),
      { insertCheckbox: false },
    );
    expect(plan.files.size).toBe(0);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      "A-9 is no longer in docs/p.md",
      "docs/gone.md no longer exists on the branch",
      "A-3 has no checkbox and writeBack.insertCheckbox is off",
    ]);
  });

  it("writes a clear commit message", () => {
    expect(commitMessage([pending("A-1", "closed")]).split("\n")[0]).toBe("Check off A-1 (#1)");
    expect(commitMessage([pending("A-1", "closed"), pending("A-2", "open")]).split("\n")[0]).toBe(
      "Check off A-1 (#1); Reopen A-2 (#2)",
    );
  });
});

describe("issueChecklist", () => {
  const body = "- detail\n- [x] write **tests**\n- [ ] docs\n\n---\n<sub>footer</sub>\n\n<!-- plansync {} -->\n";

  it("reads the checklist above the footer as the doc parser does", () => {
    expect(issueChecklist(body)).toEqual([
      { text: "write tests", checked: true },
      { text: "docs", checked: false },
    ]);
  });

  it("reads numbered sub-items as the doc does for the task's kind of ID", () => {
    const steps = "- [x] 1. migrate\n- [ ] 2. verify\n\n---\n<sub>footer</sub>\n";
    // Under a letter-led task (T001) numbered boxes are its steps; under an outline task (1.) they are tasks.
    expect(issueChecklist(steps, "T001")).toEqual([
      { text: "1. migrate", checked: true },
      { text: "2. verify", checked: false },
    ]);
    expect(issueChecklist("- [ ] 1.1 schema\n\n---\n<sub>footer</sub>\n", "1")).toEqual([]);
    const doc = parsePlan("- [ ] T001 Set up\n  - [x] 1. migrate\n  - [ ] 2. verify\n");
    expect(doc.tasks[0]!.checklist.map((c) => c.text)).toEqual(["1. migrate", "2. verify"]);
  });

  it("tells tick changes from other edits", () => {
    expect(checklistChanged(body, `Note.\n\n${body}`)).toBe(false);
    expect(checklistChanged(body, body.replace("- [ ] docs", "- [x] docs"))).toBe(true);
  });
});

describe("checkReport", () => {
  it("fails on errors in the docs and annotates their lines", () => {
    const report = checkReport({
      htmlUrl: "https://github.com/o/r",
      done: [],
      pending: [],
      dryRun: false,
      files: [
        {
          path: "docs/p.md",
          diagnostics: [
            { severity: "error", code: "duplicate-id", message: "dup", line: 4, column: 1 },
            { severity: "info", code: "no-id", message: "no id", line: 5, column: 1 },
          ],
        },
      ],
      notes: [],
    });
    expect(report.conclusion).toBe("failure");
    expect(report.title).toBe("Issues already match the docs; 1 error in the docs");
    expect(report.annotations).toEqual([
      {
        path: "docs/p.md",
        start_line: 4,
        end_line: 4,
        annotation_level: "failure",
        title: "duplicate-id",
        message: "dup",
      },
    ]);
  });

  it("links each change to its issue", () => {
    const report = checkReport({
      htmlUrl: "https://github.com/o/r",
      done: [
        {
          op: {
            kind: "create-issue",
            taskId: "A-1",
            title: "t",
            body: "b",
            labels: [],
            milestone: null,
            assignees: [],
          },
          number: 7,
        },
      ],
      pending: [],
      dryRun: false,
      files: [],
      notes: [],
    });
    expect(report).toMatchObject({ conclusion: "success", title: "Created 1 issue" });
    expect(report.text).toContain("| A-1 | [#7](https://github.com/o/r/issues/7) | created | done |");
  });
});
