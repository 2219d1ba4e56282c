import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { parsePlan } from "../../src/plan/index.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";

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
