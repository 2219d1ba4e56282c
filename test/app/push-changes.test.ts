import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp, type PushOptions } from "./app-harness.js";
import {
  installationCreatedPayload,
  issueStatePayload,
  pushPayload,
  repositoriesAddedPayload,
} from "./webhook-payloads.js";

const target = { owner: OWNER, repo: REPO };
let app: ReturnType<typeof startApp>;
afterEach(() => {
  app?.stop();
  expect(app.sim.violations).toEqual([]);
});

const push = (changes: Record<string, string | null>, sender?: PushOptions["sender"]) => app.push(changes, { sender });
const issues = () => app.sim.issues(FULL) as any[];
const issueOf = (id: string) => issues().find((i) => readMarker(i.body)?.id === id);
const writes = () => app.sim.writes().map((r) => `${r.method} ${r.path}`);

const PLAN = `# Plan

## Phase 1

- [ ] AB-1 First task
  - detail one
- [ ] AB-2 Second task
- [x] AB-3 Third task
`;

describe("doc changes flow to issues", () => {
  it("updates the title in place when the doc title changes", async () => {
    app = startApp({});
    await push({ "docs/plan.md": PLAN });
    const number = issueOf("AB-1").number;
    await push({ "docs/plan.md": PLAN.replace("First task", "First task, renamed") });
    expect(issueOf("AB-1")).toMatchObject({ number, title: "AB-1: First task, renamed" });
    expect(writes()).toEqual([`PATCH /repos/${FULL}/issues/${number}`, `POST /repos/${FULL}/check-runs`]);
    expect(issues()).toHaveLength(3);
  });

  it("closes on tick and reopens on untick, one request each", async () => {
    app = startApp({});
    await push({ "docs/plan.md": PLAN });
    const number = issueOf("AB-2").number;
    await push({ "docs/plan.md": PLAN.replace("- [ ] AB-2", "- [x] AB-2") });
    expect(issueOf("AB-2")).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(writes()).toEqual([`PATCH /repos/${FULL}/issues/${number}`, `POST /repos/${FULL}/check-runs`]);
    await push({ "docs/plan.md": PLAN });
    expect(issueOf("AB-2")).toMatchObject({ state: "open" });
    expect(readMarker(issueOf("AB-2").body)!.state).toBe("open");
  });

  it("keeps the issue when a task moves to another file", async () => {
    app = startApp({});
    await push({ "docs/plan.md": PLAN });
    const number = issueOf("AB-1").number;
    await push({
      "docs/plan.md": PLAN.replace("- [ ] AB-1 First task\n  - detail one\n", ""),
      "docs/other.md": "# Other\n\n- [ ] AB-1 First task\n  - detail one\n",
    });
    expect(issueOf("AB-1")).toMatchObject({ number, state: "open" });
    expect(readMarker(issueOf("AB-1").body)!.file).toBe("docs/other.md");
    expect(issues()).toHaveLength(3);
  });

  it("keeps every issue when the file is renamed", async () => {
    app = startApp({});
    await push({ "docs/plan.md": PLAN });
    const numbers = issues()
      .map((i) => i.number)
      .sort();
    await push({ "docs/plan.md": null, "docs/renamed.md": PLAN });
    expect(
      issues()
        .map((i) => i.number)
        .sort(),
    ).toEqual(numbers);
    expect(issues().every((i) => readMarker(i.body)!.file === "docs/renamed.md")).toBe(true);
    expect(issues().filter((i) => i.state === "closed")).toHaveLength(1);
  });

  it("closes a removed task as not planned with a comment, once", async () => {
    app = startApp({});
    await push({ "docs/plan.md": PLAN });
    const payload = await push({ "docs/plan.md": PLAN.replace("- [ ] AB-2 Second task\n", "") });
    const removed = issueOf("AB-2");
    expect(removed).toMatchObject({ state: "closed", state_reason: "not_planned" });
    const comments = app.sim.comments(FULL, removed.number) as any[];
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain(`removed from \`docs/plan.md\` in ${payload.after.slice(0, 7)}`);
    await app.receive("push", payload);
    expect(app.sim.comments(FULL, removed.number)).toHaveLength(1);
  });

  it("does not remove tasks of a file whose frontmatter is broken", async () => {
    app = startApp({});
    await push({ "docs/plan.md": PLAN });
    await push({ "docs/plan.md": `---\nmilestone_name: "oops\n---\n${PLAN}` });
    expect(issues().filter((i) => i.state === "closed")).toHaveLength(1);
    const [run] = app.sim.checkRuns(FULL).slice(-1);
    expect(run).toMatchObject({ conclusion: "failure" });
    expect(run!.annotations[0]).toMatchObject({ path: "docs/plan.md", start_line: 1, annotation_level: "failure" });
  });

  it("reports an ID used in two files and keeps the first file's task", async () => {
    app = startApp({});
    await push({ "docs/a.md": "- [ ] DUP-1 From a\n", "docs/b.md": "- [ ] DUP-1 From b\n" });
    expect(issues()).toHaveLength(1);
    expect(issueOf("DUP-1").title).toBe("DUP-1: From a");
    const [run] = app.sim.checkRuns(FULL);
    expect(run!.annotations).toEqual([
      expect.objectContaining({ path: "docs/b.md", start_line: 1, title: "duplicate-id" }),
    ]);
  });

  it("makes zero writes when the app's own commit comes back as a push", async () => {
    app = startApp({});
    const first = await push({ "docs/plan.md": PLAN });
    // A human closes AB-2 on GitHub; the app commits the tick: a commit that changes the doc.
    const number = issueOf("AB-2").number;
    await app.sim.handle({ method: "PATCH", url: `/repos/${FULL}/issues/${number}`, body: '{"state":"closed"}' });
    await app.receive("issues", issueStatePayload(target, app.sim.issue(FULL, number), "closed"));
    const head = app.sim.headSha(FULL, "main");
    expect(head).not.toBe(first.after);
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(PLAN.replace("- [ ] AB-2", "- [x] AB-2"));
    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(target, {
        before: first.after,
        after: head,
        modified: ["docs/plan.md"],
        sender: { login: "plansync[bot]", type: "Bot" },
      }),
    );
    expect(app.sim.writes()).toEqual([]);
  });

  it("neutralises mentions from doc text", async () => {
    app = startApp({});
    await push({ "docs/plan.md": "- [ ] AB-9 Ask @octocat and @octo/team\n  - cc @hubot\n" });
    const issue = issueOf("AB-9");
    expect(issue.title).toBe("AB-9: Ask @\u200Boctocat and @\u200Bocto/team");
    expect(issue.body).toContain("cc @\u200Bhubot");
    expect(issue.body).not.toMatch(/(^|\s)@[a-z]/);
  });

  it("assigns from an explicit field only when GitHub accepts the handle, else warns", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["octo", "alice"]);
    await push({
      "docs/plan.md": "- [ ] AS-1 Build\n  - **Engineer:** @alice\n- [ ] AS-2 Test\n  - **Engineer:** @mallory\n",
    });
    expect(issueOf("AS-1").assignees.map((a: any) => a.login)).toEqual(["alice"]);
    expect(issueOf("AS-2").assignees).toEqual([]);
    expect(app.sim.checkRuns(FULL)[0]!.output.summary).toContain("cannot be assigned");
    app.sim.setCollaborators(FULL, ["octo", "alice", "bob"]);
    await push({
      "docs/plan.md": "- [ ] AS-1 Build\n  - **Engineer:** @alice @bob\n- [ ] AS-2 Test\n  - **Engineer:** @mallory\n",
    });
    expect(issueOf("AS-1").assignees.map((a: any) => a.login)).toEqual(["alice", "bob"]);
    const asked = app.sim.requests
      .filter((r) => r.operationId === "issues/check-user-can-be-assigned")
      .map((r) => r.path.split("/").pop());
    expect(asked).toEqual(["bob"]); // alice is already assigned, so GitHub is not asked again
  });
});

describe("config", () => {
  it("reports an invalid config as a failed check run and syncs nothing", async () => {
    app = startApp({ ".github/plansync.yml": "removal: delete\nlabels:\n  prio: true\n" });
    const payload = await push({ "docs/plan.md": PLAN });
    expect(issues()).toEqual([]);
    const [run] = app.sim.checkRuns(FULL);
    expect(run).toMatchObject({ headSha: payload.after, conclusion: "failure" });
    expect(run!.output.summary).toContain("removal.action: Invalid option");
    expect(run!.output.summary).toContain("labels: unknown key prio; allowed keys are priority, points, sections");
  });

  it("reports without writing in dry-run mode", async () => {
    app = startApp({ ".github/plansync.yml": "dryRun: true\n" });
    await push({ "docs/plan.md": PLAN });
    expect(issues()).toEqual([]);
    expect(writes()).toEqual([`POST /repos/${FULL}/check-runs`]);
    const [run] = app.sim.checkRuns(FULL);
    expect(run).toMatchObject({ conclusion: "neutral" });
    expect(run!.output.title).toContain("Dry run: would create 3");
  });

  it("reads only configured paths and prefixes", async () => {
    app = startApp({ ".github/plansync.yml": "paths: ['roadmap/*.md']\nids:\n  prefixes: [AB]\n" });
    await push({ "roadmap/q1.md": "- [ ] AB-1 yes\n- [ ] ZZ-1 no\n", "docs/plan.md": "- [ ] AB-2 not in paths\n" });
    expect(issues().map((i) => readMarker(i.body)!.id)).toEqual(["AB-1"]);
  });
});

describe("installation", () => {
  it.each([
    ["installation", installationCreatedPayload],
    ["installation_repositories", repositoriesAddedPayload],
  ])("syncs every plan file of the default branch on %s", async (event, payload) => {
    app = startApp({
      "docs/plan.md": PLAN,
      "specs/x/tasks.md": "- [ ] T001 Setup\n",
      "notes/misc.md": "- [ ] NO-1 not a plan path\n",
    });
    await app.receive(event, payload(target));
    expect(
      issues()
        .map((i) => readMarker(i.body)!.id)
        .sort(),
    ).toEqual(["AB-1", "AB-2", "AB-3", "T001"]);
    expect(app.sim.requests.filter((r) => r.operationId === "git/get-tree")).toHaveLength(1);
    app.sim.resetLog();
    await app.receive(event, payload(target));
    expect(app.sim.writes()).toEqual([]);
  });
});

describe("reporting once", () => {
  it("does not post a second check run when a push with problems is delivered again", async () => {
    app = startApp({});
    const payload = await push({ "docs/a.md": "- [ ] DUP-1 From a\n- [ ] DUP-1 again\n" });
    expect(app.sim.checkRuns(FULL)).toHaveLength(1);
    app.sim.resetLog();
    await app.receive("push", payload);
    expect(app.sim.writes()).toEqual([]);
    expect(app.sim.checkRuns(FULL)).toHaveLength(1);
  });
});

describe("check run for large syncs", () => {
  it("opens the run in progress, then completes the same run", async () => {
    app = startApp({});
    const plan = Array.from({ length: 25 }, (_, i) => `- [ ] BIG-${i + 1} Task ${i + 1}\n`).join("");
    await push({ "docs/plan.md": plan });
    const creates = app.sim.requests.filter((r) => r.operationId === "checks/create");
    expect(creates.map((r) => (r.body as any).status)).toEqual(["in_progress"]);
    const [run] = app.sim.checkRuns(FULL);
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    expect(run!.output.title).toBe("Created 25 issues");
  });

  it("sends more than 50 annotations in batches of 50", async () => {
    app = startApp({});
    const plan = Array.from({ length: 61 }, () => "- [ ] SAME-1 Again\n").join("");
    await push({ "docs/plan.md": plan });
    const [run] = app.sim.checkRuns(FULL);
    expect(run!.annotations).toHaveLength(60);
    const batches = app.sim.requests
      .filter((r) => r.operationId === "checks/create" || r.operationId === "checks/update")
      .map((r) => (r.body as any).output.annotations.length);
    expect(batches).toEqual([50, 10]);
  });
});

describe("removal needs the whole picture", () => {
  it("reads every plan file before closing, and finds a task that moved to a file it was not told about", async () => {
    app = startApp({});
    await push({ "docs/a.md": "- [ ] MV-1 Moving task\n", "docs/b.md": "- [ ] MV-2 Staying\n" });
    // A push the app never heard about put MV-1 into b.md as well.
    app.sim.commitFiles(FULL, "main", { "docs/b.md": "- [ ] MV-2 Staying\n- [ ] MV-1 Moving task\n" }, "Missed push");
    await push({ "docs/a.md": "Nothing left here.\n" });
    expect(issueOf("MV-1")).toMatchObject({ state: "open" });
    expect(readMarker(issueOf("MV-1").body)!.file).toBe("docs/b.md");
    expect(app.sim.requests.filter((r) => r.operationId === "git/get-tree")).toHaveLength(1);
  });
});
