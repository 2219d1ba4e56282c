import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planCommand } from "../../src/cli/plan-command.js";

/** `plansync plan` shows each milestone's bar, from the docs alone: boxes ticked, points done. */

function run(paths: string[], json: boolean) {
  const out: string[] = [];
  const code = planCommand(paths, json, { out: (t) => out.push(t), err: () => {}, writeFile: () => {} });
  return { code, out: out.join("\n") };
}

function docs() {
  const dir = mkdtempSync(join(tmpdir(), "plansync-progress-"));
  const core = join(dir, "core.md");
  writeFileSync(
    core,
    [
      "---",
      'milestone_name: "M1 Core API"',
      "---",
      "## Work",
      "- [x] A-1 Schema *(3 points)*",
      "- [x] A-2 Routes *(5 points)*",
      "- [ ] A-3 Auth *(8 points)*",
      "",
    ].join("\n"),
  );
  const later = join(dir, "later.md");
  writeFileSync(later, ["---", 'milestone_name: "M2"', "---", "## Work", "- [ ] B-1 Export", ""].join("\n"));
  const none = join(dir, "none.md");
  writeFileSync(none, "- [x] C-1 No milestone\n");
  return { core, later, none };
}

describe("plansync plan's progress", () => {
  it("prints one bar per milestone under the tables, titles aligned", () => {
    const { core, later, none } = docs();
    const { code, out } = run([core, later, none], false);
    expect(code).toBe(0);
    expect(
      out.endsWith(
        [
          "Milestones",
          "  M1 Core API  ▓▓▓▓▓▓▓▓▓▓▓▓▓░░░░░░░ 67% · 2 of 3 tasks done · 8 of 16 points",
          "  M2           ░░░░░░░░░░░░░░░░░░░░ 0% · 0 of 1 task done",
        ].join("\n"),
      ),
    ).toBe(true);
  });

  it("prints no progress section when no task has a milestone", () => {
    const { none } = docs();
    expect(run([none], false).out).not.toContain("Milestones");
  });

  it("adds a progress array to --json", () => {
    const { core, later } = docs();
    expect(JSON.parse(run([core, later], true).out).progress).toEqual([
      { milestone: "M1 Core API", tasks: 3, done: 2, points: 16, donePoints: 8, percent: 67 },
      { milestone: "M2", tasks: 1, done: 0, points: 0, donePoints: 0, percent: 0 },
    ]);
    expect(JSON.parse(run([docs().none], true).out).progress).toEqual([]);
  });
});
