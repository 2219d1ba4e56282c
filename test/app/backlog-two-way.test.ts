import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { startInProcessApp } from "./in-process-app.js";
import { pushChanges, repoIssues, writeLines } from "./repo-under-test.js";
import { issueEditedPayload, issueStatePayload } from "./webhook-payloads.js";

const OWNER = "octo";
const REPO = "shop";
let app: ReturnType<typeof startInProcessApp>;
afterEach(async () => {
  await app?.stop();
  expect(app.sim.violations).toEqual([]);
});

const issues = () => repoIssues(app);
const issueOf = (id: string) => issues().find((i) => readMarker(i.body)?.id === id);
const writes = () => writeLines(app);
const creates = () => writes().filter((w) => w === `POST /repos/${app.FULL}/issues`);

const push = (changes: Record<string, string | null>) => pushChanges(app, changes, "Update backlog");

/** A person closes or reopens the issue on GitHub; the webhook follows. */
async function setIssueState(id: string, state: "closed" | "open") {
  const number = issueOf(id).number;
  await app.sim.handle({
    method: "PATCH",
    url: `/repos/${app.FULL}/issues/${number}`,
    body: JSON.stringify({ state }),
  });
  const payload = issueStatePayload(
    { owner: OWNER, repo: REPO },
    app.sim.issue(app.FULL, number),
    state === "closed" ? "closed" : "reopened",
  );
  app.sim.resetLog();
  await app.receive("issues", payload);
  await app.idle();
}

interface Spec {
  id: string;
  title: string;
  status: string;
  extra?: string[];
}

function taskFile({ id, title, status, extra = [] }: Spec): string {
  return [
    "---",
    `id: ${id}`,
    `title: ${title}`,
    `status: ${status}`,
    "created_date: '2026-10-20 09:12'",
    ...extra,
    "---",
    "",
    "## Description",
    "",
    `${title}, as agreed in the October planning.`,
    "",
    "## Acceptance Criteria",
    "<!-- AC:BEGIN -->",
    "- [ ] #1 It works on staging",
    "- [ ] #2 It is documented",
    "<!-- AC:END -->",
    "",
  ].join("\n");
}

const path = (id: string, title: string, folder = "tasks") =>
  `backlog/${folder}/${id.toLowerCase()} - ${title.replace(/[^A-Za-z ]/g, "")}.md`;

const SPECS: Spec[] = [
  { id: "BACK-1", title: "Set up the checkout service", status: "Done", extra: ["milestone: v1.0", "priority: high"] },
  {
    id: "BACK-2",
    title: "Take card payments",
    status: "In Progress",
    extra: [
      "assignee:",
      "  - '@alice'",
      "labels: [payments, backend]",
      "milestone: v1.0",
      "dependencies: [BACK-1]",
      "priority: high",
    ],
  },
  {
    id: "BACK-3",
    title: "Send receipts by email",
    status: "To Do",
    extra: ["labels:", "  - email", "dependencies:", "  - BACK-2"],
  },
  {
    id: "BACK-4",
    title: "Refund a payment",
    status: "To Do",
    extra: ["assignee: [bob]", "priority: low", "milestone: v1.1"],
  },
  { id: "BACK-5", title: "Export orders as CSV", status: "To Do" },
];

const FILES = Object.fromEntries(SPECS.map((s) => [path(s.id, s.title), taskFile(s)]));
const OTHERS = {
  "backlog/config.yml": "project_name: Shop\ndefault_status: To Do\nstatuses: [To Do, In Progress, Done]\n",
  "backlog/docs/doc-1 - Architecture.md": "---\nid: DOC-1\ntitle: Architecture\n---\n\n- [ ] DOC-2 not a task\n",
  "backlog/decisions/decision-1 - Use Stripe.md": "---\nid: DECISION-1\ntitle: Use Stripe\nstatus: accepted\n---\n",
  "backlog/drafts/draft-1 - Gift cards.md": taskFile({ id: "DRAFT-1", title: "Gift cards", status: "To Do" }),
};

describe("Backlog.md task files, both ways", () => {
  it("the first push makes one issue per task file, with labels, assignees, milestone and blockers", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    app.sim.setCollaborators(app.FULL, ["alice", "bob"]);
    await push({ ...FILES, ...OTHERS });
    expect(creates()).toHaveLength(5);
    expect(
      issues()
        .map((i) => readMarker(i.body)!.id)
        .sort(),
    ).toEqual(["BACK-1", "BACK-2", "BACK-3", "BACK-4", "BACK-5"]);
    const one = issueOf("BACK-1");
    const two = issueOf("BACK-2");
    const three = issueOf("BACK-3");
    const four = issueOf("BACK-4");
    expect(two.title).toBe("BACK-2: Take card payments");
    expect([one.state, one.state_reason]).toEqual(["closed", "completed"]);
    expect(two.state).toBe("open");
    expect(two.labels.map((l: any) => l.name).sort()).toEqual(
      ["backend", "in progress", "payments", "plansync", "priority: high"].sort(),
    );
    expect(three.labels.map((l: any) => l.name).sort()).toEqual(["email", "plansync"]);
    expect(four.labels.map((l: any) => l.name).sort()).toEqual(["plansync", "priority: low"]);
    expect(two.assignees.map((a: any) => a.login)).toEqual(["alice"]);
    expect(four.assignees.map((a: any) => a.login)).toEqual(["bob"]);
    expect(two.milestone?.title).toBe("v1.0");
    expect(four.milestone?.title).toBe("v1.1");
    expect(issueOf("BACK-5").milestone).toBeNull();
    expect(app.sim.blockedBy(app.FULL, two.number)).toEqual([one.number]);
    expect(app.sim.blockedBy(app.FULL, three.number)).toEqual([two.number]);
    expect(two.body).toContain("## Acceptance Criteria");
    expect(two.body).toContain("- [ ] #\u200B1 It works on staging");
  });

  it("status: Done in a file closes its issue; a redelivered push writes nothing", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push(FILES);
    const file = path("BACK-5", "Export orders as CSV");
    const payload = await push({ [file]: FILES[file]!.replace("status: To Do", "status: Done") });
    expect([issueOf("BACK-5").state, issueOf("BACK-5").state_reason]).toEqual(["closed", "completed"]);
    app.sim.resetLog();
    await app.receive("push", payload);
    await app.idle();
    expect(app.sim.writes()).toEqual([]);
  });

  it("closing an issue commits a change of exactly one line in its file; reopening writes To Do", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push(FILES);
    const file = path("BACK-4", "Refund a payment");
    const before = app.sim.readFile(app.FULL, "main", file)!;
    const commits = app.sim.commitMessages(app.FULL, "main").length;
    await setIssueState("BACK-4", "closed");
    expect(app.sim.commitMessages(app.FULL, "main")).toHaveLength(commits + 1);
    const after = app.sim.readFile(app.FULL, "main", file)!;
    const changed = before
      .split("\n")
      .map((line, i) => [line, after.split("\n")[i]])
      .filter(([a, b]) => a !== b);
    expect(after.split("\n")).toHaveLength(before.split("\n").length);
    expect(changed).toEqual([["status: To Do", "status: Done"]]);
    for (const [other, text] of Object.entries(FILES))
      if (other !== file) expect(app.sim.readFile(app.FULL, "main", other)).toBe(text);
    expect(readMarker(issueOf("BACK-4").body)!.state).toBe("closed");

    await setIssueState("BACK-4", "open");
    expect(app.sim.readFile(app.FULL, "main", file)).toBe(before);
  });

  it("moving a Done task to backlog/completed/ keeps its issue and closes it as completed", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push(FILES);
    const spec = SPECS[2]!;
    const number = issueOf(spec.id).number;
    await push({
      [path(spec.id, spec.title)]: null,
      [path(spec.id, spec.title, "completed")]: taskFile({ ...spec, status: "Done" }),
    });
    expect(creates()).toEqual([]);
    expect(issues()).toHaveLength(5);
    const moved = issueOf(spec.id);
    expect(moved.number).toBe(number);
    expect([moved.state, moved.state_reason]).toEqual(["closed", "completed"]);
    expect(readMarker(moved.body)!.file).toBe(path(spec.id, spec.title, "completed"));
  });

  it("ticking an acceptance criterion in the issue ticks it in the file, and nothing else", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push(FILES);
    const file = path("BACK-3", "Send receipts by email");
    const issue = issueOf("BACK-3");
    // The AC number is neutralised in the issue (no cross-reference to issue #2); ticking keeps that.
    const body = issue.body.replace("- [ ] #\u200B2 It is documented", "- [x] #\u200B2 It is documented");
    expect(body).not.toBe(issue.body);
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${app.FULL}/issues/${issue.number}`,
      body: JSON.stringify({ body }),
    });
    app.sim.resetLog();
    await app.receive(
      "issues",
      issueEditedPayload({ owner: OWNER, repo: REPO }, app.sim.issue(app.FULL, issue.number), issue.body),
    );
    await app.idle();
    expect(app.sim.readFile(app.FULL, "main", file)).toBe(
      FILES[file]!.replace("- [ ] #2 It is documented", "- [x] #2 It is documented"),
    );
  });

  it("reads Backlog.md's default lowercase ids: task-2 waits for task-1, and closing it writes one line", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    const first = taskFile({ id: "task-1", title: "Draft the schema", status: "To Do" });
    const second = taskFile({
      id: "task-2",
      title: "Migrate the data",
      status: "To Do",
      extra: ["dependencies: [task-1]"],
    });
    await push({
      "backlog/tasks/task-1 - Draft the schema.md": first,
      "backlog/tasks/task-2 - Migrate the data.md": second,
    });
    expect(
      issues()
        .map((i) => i.title)
        .sort(),
    ).toEqual(["task-1: Draft the schema", "task-2: Migrate the data"]);
    expect(app.sim.blockedBy(app.FULL, issueOf("task-2").number)).toEqual([issueOf("task-1").number]);
    await setIssueState("task-1", "closed");
    expect(app.sim.readFile(app.FULL, "main", "backlog/tasks/task-1 - Draft the schema.md")).toBe(
      first.replace("status: To Do", "status: Done"),
    );
  });
});
