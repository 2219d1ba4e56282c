import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { parsePlan } from "../../src/plan/index.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";

/**
 * task-file-fields.ts prefixes every `assignee:` entry with `@` and desired-issue.ts then picks
 * every `@word` out of the result, so an e-mail address yields two logins: `bob@example.com`
 * assigns the GitHub users `bob` and `example` (the mail domain). Assigning notifies the
 * assignee: a stranger named by a domain gets pinged. Promise broken: never pings anyone.
 */
const config = configSchema.parse({});

function assigneesOf(value: string): string[] {
  const plan = parsePlan(
    ["---", "id: task-1", "title: X", "status: To Do", `assignee: ${value}`, "---", ""].join("\n"),
  );
  const task = plan.tasks[0]!;
  return desiredIssue({ task, file: { path: "backlog/tasks/task-1.md", plan }, scope: null, key: task.id }, config)
    .assignees;
}

describe("task-file assignees written as e-mail addresses", () => {
  it("never assigns the mail domain of `bob@example.com` as a GitHub login", () => {
    expect(assigneesOf("[bob@example.com]")).not.toContain("example");
  });

  it("never assigns the mail domain of a name with an address, `Alice Smith <alice@example.com>`", () => {
    expect(assigneesOf('"Alice Smith <alice@example.com>"')).not.toContain("example");
  });

  it("still assigns real handles", () => {
    expect(assigneesOf("['@alice', bob]")).toEqual(["alice", "bob"]);
  });
});

describe("assignees that are no logins", () => {
  it("are reported on the assignee line and skipped", () => {
    const plan = parsePlan(
      ["---", "id: task-1", "title: X", "status: To Do", "assignee: [bob@example.com, '@carol']", "---", ""].join("\n"),
    );
    expect(plan.tasks[0]!.fields).toEqual({ Assignee: "@carol" });
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["warning", "bad-assignee", 5]]);
  });

  it("never pick a login out of an e-mail address in a plan doc's Assignee field", () => {
    const plan = parsePlan("- [ ] BE-1 Build it\n  - **Assignee:** bob@example.com, @dave\n");
    const task = plan.tasks[0]!;
    const { assignees } = desiredIssue(
      { task, file: { path: "docs/plan.md", plan }, scope: null, key: task.id },
      config,
    );
    expect(assignees).toEqual(["dave"]);
  });
});
