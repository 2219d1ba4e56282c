import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { parsePlan } from "../../src/plan/index.js";
import { neutralizeChecklistNumbers } from "../../src/sync/checklist-numbers.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import { issueChecklist } from "../../src/writeback/issue-checklist.js";

/**
 * Backlog.md numbers every acceptance criterion `- [ ] #1 …`, `- [ ] #2 …`. The task file's body is
 * the issue body "as written", so every synced task's issue says `#1`, `#2`, `#3` — which GitHub
 * renders as links to issues #1, #2, #3 of the repository and records as a cross-reference
 * ("mentioned this issue") on each of them. With 50 task files, issue #1 gets 50 timeline
 * entries that mean nothing. Promise broken: no needless cross-references.
 */
const config = configSchema.parse({});

function issueBody(text: string): string {
  const plan = parsePlan(text);
  const task = plan.tasks[0]!;
  return desiredIssue(
    { task, file: { path: "backlog/tasks/task-7 - Export.md", plan }, scope: null, key: task.id },
    config,
  ).content;
}

/** `#123` as GitHub autolinks it: not after a word character or `&`, not followed by a word character. */
const ISSUE_REFERENCE = /(^|[^\w&/])#\d+(?!\w)/m;

describe("Backlog.md acceptance-criteria numbers in issue bodies", () => {
  it("does not turn `#1 …` AC numbers into references to issues #1 and #2", () => {
    const body = issueBody(
      [
        "---",
        "id: task-7",
        "title: Export invoices",
        "status: To Do",
        "---",
        "",
        "## Acceptance Criteria",
        "<!-- AC:BEGIN -->",
        "- [ ] #1 CSV has a header row",
        "- [ ] #2 Totals match the ledger",
        "<!-- AC:END -->",
        "",
      ].join("\n"),
    );
    expect(body).toContain("CSV has a header row");
    expect(body.match(ISSUE_REFERENCE)?.[0] ?? null).toBeNull();
  });
});

describe("neutralizeChecklistNumbers", () => {
  it("breaks the number of a numbered checklist item only, once", () => {
    const body = ["- [ ] #1 CSV has a header row", "- [x] #12 Totals", "- [ ] #7", "- #3 not a box", "See #4."].join(
      "\n",
    );
    const once = neutralizeChecklistNumbers(body);
    expect(once.split("\n")).toEqual([
      "- [ ] #\u200B1 CSV has a header row",
      "- [x] #\u200B12 Totals",
      "- [ ] #7",
      "- #3 not a box",
      "See #4.",
    ]);
    expect(neutralizeChecklistNumbers(once)).toBe(once);
  });

  it("leaves code as it is", () => {
    const body = "```\n- [ ] #1 in code\n```\n";
    expect(neutralizeChecklistNumbers(body)).toBe(body);
  });

  it("round-trips: the issue's checklist reads the doc's texts and ticks", () => {
    const text = [
      "---",
      "id: task-7",
      "title: Export invoices",
      "status: To Do",
      "---",
      "",
      "- [ ] #1 CSV has a header row",
      "- [x] #2 Totals match the ledger",
      "",
    ].join("\n");
    const plan = parsePlan(text);
    const items = issueChecklist(issueBody(text));
    expect(items).toEqual(plan.tasks[0]!.checklist.map(({ text, checked }) => ({ text, checked })));
    expect(items).toEqual([
      { text: "#1 CSV has a header row", checked: false },
      { text: "#2 Totals match the ledger", checked: true },
    ]);
  });
});
