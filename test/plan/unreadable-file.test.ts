import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan, UNREADABLE_FILE } from "../../src/plan/index.js";
import { locateTask } from "../../src/sync/collect-tasks.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { readMarker } from "../../src/sync/marker.js";
import { reconcile } from "../../src/sync/reconcile.js";
import { renderBody } from "../../src/sync/render-body.js";
import type { DocsSnapshot, RemoteIssue, RemoteState } from "../../src/sync/sync-types.js";
import { createScoper } from "../../src/sync/task-scope.js";
import { checklistDrifted, issueChecklist, MAX_ISSUE_BODY } from "../../src/writeback/issue-checklist.js";
import { planWriteBack } from "../../src/writeback/plan-write-back.js";

const PATH = "docs/p.md";
const READABLE = "# Plan\n\n- [ ] A-1 one\n- [ ] A-2 two\n";

function config(removal: string) {
  const result = readConfig({ removal });
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
}

function docs(text: string): DocsSnapshot {
  return {
    owner: "o",
    repo: "r",
    sha: "abc1234def",
    htmlUrl: "https://github.com/o/r",
    files: [{ path: PATH, plan: parsePlan(text) }],
    coveredPaths: new Set([PATH]),
    complete: true,
  };
}

/** The open issue an earlier sync of READABLE left for `id`. */
function synced(id: string, number: number): RemoteIssue {
  const plan = parsePlan(READABLE);
  const task = plan.tasks.find((t) => t.id === id)!;
  const desired = desiredIssue(locateTask({ path: PATH, plan }, task, createScoper([])), config("close"));
  const body = renderBody(desired, { htmlUrl: "https://github.com/o/r", sha: "old" }, "open");
  return {
    ...{ number, id: 1000 + number, parent: null, subIssues: 0, blockedBy: 0, title: desired.title, body },
    ...{ state: "open", labels: desired.labels, milestone: desired.milestone, assignees: [] },
    marker: readMarker(body)!,
  };
}

const remote = (): RemoteState => ({
  issues: [synced("A-1", 1), synced("A-2", 2)],
  milestones: [],
  labels: new Set(["plansync"]),
});

/** Each way a file can go past a limit, with the tasks of READABLE still in it. */
const overCap: [string, string][] = [
  ["nested 4,000 quotes deep", `${READABLE}\n${"> ".repeat(4_000)}x\n`],
  ["nested 20,000 lists deep on one line", `${READABLE}\n${"- ".repeat(20_000)}x\n`],
  ["over 2 MiB", `${READABLE}\n${"word ".repeat(450_000)}\n`],
  ["a paragraph of 100,000 closing markers", `${READABLE}\n${"a* ".repeat(100_000)}\n`],
];

describe("a file past a limit loses nothing", () => {
  it.each(overCap)("%s: no task read, one error, and no issue of it closed or labelled", (_, text) => {
    const plan = parsePlan(text);
    expect(plan.tasks).toEqual([]);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: UNREADABLE_FILE })]);
    for (const removal of ["close", "label"]) {
      const result = reconcile(docs(text), remote(), config(removal));
      expect(result.operations.filter((o) => "issue" in o)).toEqual([]);
      expect(result.heldRemovals).toEqual([]);
    }
  });

  it("writes nothing back into it, saying why", () => {
    const text = overCap[0]![1];
    const pending = { number: 1, state: "closed" as const, marker: synced("A-1", 1).marker, checklist: null };
    const plan = planWriteBack([pending], new Map([[PATH, text]]), { insertCheckbox: true });
    expect(plan.files.size).toBe(0);
    expect(plan.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/^docs\/p\.md could not be read/)]);
  });

  it("turns a failure inside the parser into the same file-level error, never a throw", () => {
    // No input known still throws; a value that is not text stands in for the unknown one.
    const plan = parsePlan(undefined as unknown as string);
    expect(plan.tasks).toEqual([]);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: UNREADABLE_FILE, line: 1, column: 1 }),
    ]);
    expect(plan.diagnostics[0]!.message).toMatch(/^plansync could not read this file: TypeError: .*report/);
  });

  it("while the same file, readable, has its removed task's issue closed (the test can see a close)", () => {
    const result = reconcile(docs("# Plan\n\n- [ ] A-1 one\n"), remote(), config("close"));
    expect(result.operations).toContainEqual(expect.objectContaining({ kind: "update-issue", state: "closed" }));
  });
});

describe("issue bodies are read within GitHub's cap", () => {
  const marker = { id: "A-1", file: PATH, state: "open" as const, hash: "abc", checks: "x" };

  it("reads a body's checklist, and nothing past 65,536 characters", () => {
    const filler = "text ".repeat(MAX_ISSUE_BODY / 5);
    expect(issueChecklist(`- [x] first\n\n${filler}\n\n- [ ] past the cap\n`)).toEqual([
      { text: "first", checked: true },
    ]);
  });

  it.each([
    ["4,000 nested quotes", `- [ ] a\n${"> ".repeat(4_000)}- [ ] b\n`, false],
    ["20,000 nested lists", `- [ ] a\n${"- ".repeat(20_000)}[ ] b\n`, false],
    ["65 KB of closing markers", `- [ ] a\n${"a* ".repeat(21_000)}\n`, false],
    // Readable: its one open item differs from the agreed tick, so a write-back is owed.
    ["65 KB of dots after a dependency", `- [ ] a depends on ${".".repeat(65_000)}x\n`, true],
  ])("reads a hostile body (%s) in linear time, without throwing", (_, body, owed) => {
    const started = performance.now();
    expect(() => issueChecklist(body)).not.toThrow();
    expect(checklistDrifted(body, marker)).toBe(owed);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("owes no write-back from a body it cannot read, which could only untick the doc", () => {
    const body = `- [ ] a\n${"> ".repeat(4_000)}- [ ] b\n`;
    expect(issueChecklist(body)).toEqual([]);
    expect(checklistDrifted(body, marker)).toBe(false);
  });
});
