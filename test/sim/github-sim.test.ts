import { describe, expect, it } from "vitest";
import { REPO, call, newSim } from "./sim-test-helpers.js";

const ISSUES = "/repos/octo/plans/issues";

describe("GitHubSim issues", () => {
  it("numbers issues and pull requests from one sequence per repository", async () => {
    const sim = newSim();
    sim.addRepo({ owner: "octo", repo: "other", files: {} });
    const first = await call(sim, "POST", ISSUES, { title: "one" });
    sim.commitFiles(REPO, "feature", { "x.md": "x" }, "feature work");
    const pull = await call(sim, "POST", "/repos/octo/plans/pulls", { title: "PR", head: "feature", base: "main" });
    const second = await call(sim, "POST", ISSUES, { title: "two" });
    const elsewhere = await call(sim, "POST", "/repos/octo/other/issues", { title: "other" });
    expect([first.status, pull.status, second.status]).toEqual([201, 201, 201]);
    expect([first.body.number, pull.body.number, second.body.number, elsewhere.body.number]).toEqual([1, 2, 3, 1]);
    expect(new Set([first.body.id, pull.body.id, second.body.id, elsewhere.body.id]).size).toBe(4);
    expect(first.body.id).toBeGreaterThan(2 ** 31);
    expect(first.body).toMatchObject({ state: "open", state_reason: null, milestone: null, labels: [], body: null });
    expect(first.body).not.toHaveProperty("pull_request");
    expect(first.body.html_url).toBe("https://github.com/octo/plans/issues/1");
    expect(sim.violations).toEqual([]);
  });

  it("paginates the issue list with GitHub-style Link headers, newest first by default", async () => {
    const sim = newSim();
    for (let i = 1; i <= 5; i++) await call(sim, "POST", ISSUES, { title: `issue ${i}` });
    const page1 = await call(sim, "GET", `${ISSUES}?per_page=2`);
    expect(page1.body.map((i: { number: number }) => i.number)).toEqual([5, 4]);
    expect(page1.headers.link).toBe(
      '<https://api.github.com/repos/octo/plans/issues?per_page=2&page=2>; rel="next", ' +
        '<https://api.github.com/repos/octo/plans/issues?per_page=2&page=3>; rel="last"',
    );
    const page3 = await call(sim, "GET", `${ISSUES}?per_page=2&page=3`);
    expect(page3.body.map((i: { number: number }) => i.number)).toEqual([1]);
    expect(page3.headers.link).toContain('page=2>; rel="prev"');
    expect(page3.headers.link).toContain('page=1>; rel="first"');
    expect(page3.headers.link).not.toContain('rel="next"');
    const asc = await call(sim, "GET", `${ISSUES}?sort=created&direction=asc&per_page=100`);
    expect(asc.body.map((i: { number: number }) => i.number)).toEqual([1, 2, 3, 4, 5]);
    expect(asc.headers.link).toBeUndefined();
  });

  it("filters by state and by labels (all of them, case-insensitively) and includes pull requests", async () => {
    const sim = newSim();
    await call(sim, "POST", ISSUES, { title: "a", labels: ["plan", "backend"] });
    await call(sim, "POST", ISSUES, { title: "b", labels: ["plan"] });
    await call(sim, "PATCH", `${ISSUES}/2`, { state: "closed" });
    sim.commitFiles(REPO, "feature", { "x.md": "x" }, "work");
    await call(sim, "POST", "/repos/octo/plans/pulls", { title: "PR", head: "feature", base: "main" });
    const titles = async (query: string) =>
      (await call(sim, "GET", `${ISSUES}?${query}`)).body.map((i: { title: string }) => i.title);
    expect(await titles("state=open")).toEqual(["PR", "a"]);
    expect(await titles("state=all&labels=PLAN")).toEqual(["b", "a"]);
    expect(await titles("state=all&labels=plan,backend")).toEqual(["a"]);
    expect(await titles("state=closed")).toEqual(["b"]);
    const [pr] = (await call(sim, "GET", `${ISSUES}?state=open`)).body;
    expect(pr.pull_request.url).toBe("https://api.github.com/repos/octo/plans/pulls/3");
  });

  it("auto-creates unknown labels on create and update", async () => {
    const sim = newSim();
    await call(sim, "POST", "/repos/octo/plans/labels", { name: "bug", color: "d73a4a" });
    const created = await call(sim, "POST", ISSUES, { title: "t", labels: ["BUG", "plan:auto"] });
    expect(created.body.labels.map((l: { name: string }) => l.name)).toEqual(["bug", "plan:auto"]);
    const updated = await call(sim, "PATCH", `${ISSUES}/1`, { labels: [{ name: "fresh" }] });
    expect(updated.body.labels).toMatchObject([{ name: "fresh", color: "ededed", default: false }]);
    const labels = await call(sim, "GET", "/repos/octo/plans/labels?per_page=100");
    expect(labels.body.map((l: { name: string }) => l.name)).toEqual(["bug", "plan:auto", "fresh"]);
  });

  it("rejects a duplicate label name case-insensitively with already_exists", async () => {
    const sim = newSim();
    expect((await call(sim, "POST", "/repos/octo/plans/labels", { name: "Plan" })).status).toBe(201);
    const dup = await call(sim, "POST", "/repos/octo/plans/labels", { name: "plan", color: "ffffff" });
    expect(dup.status).toBe(422);
    expect(dup.body).toMatchObject({
      message: "Validation Failed",
      errors: [{ resource: "Label", code: "already_exists", field: "name" }],
    });
  });

  it("keeps only collaborators as assignees and answers the assignee check", async () => {
    const sim = newSim();
    sim.setCollaborators(REPO, ["alice", "bob"]);
    const created = await call(sim, "POST", ISSUES, { title: "t", assignees: ["alice", "mallory"] });
    expect(created.body.assignees.map((u: { login: string }) => u.login)).toEqual(["alice"]);
    expect(created.body.assignee.login).toBe("alice");
    const updated = await call(sim, "PATCH", `${ISSUES}/1`, { assignees: ["bob"] });
    expect(updated.body.assignees.map((u: { login: string }) => u.login)).toEqual(["bob"]);
    expect((await call(sim, "GET", "/repos/octo/plans/assignees/alice")).status).toBe(204);
    expect((await call(sim, "GET", "/repos/octo/plans/assignees/mallory")).status).toBe(404);
  });

  it("closes with a state_reason, reopens, and stores comments", async () => {
    const sim = newSim();
    await call(sim, "POST", ISSUES, { title: "t", body: "b" });
    const closed = await call(sim, "PATCH", `${ISSUES}/1`, { state: "closed", state_reason: "not_planned" });
    expect(closed.body).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(closed.body.closed_at).toEqual(expect.any(String));
    const reopened = await call(sim, "PATCH", `${ISSUES}/1`, { state: "open" });
    expect(reopened.body).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });
    const comment = await call(sim, "POST", `${ISSUES}/1/comments`, { body: "synced" });
    expect(comment.status).toBe(201);
    expect(comment.body.user.login).toBe("plansync[bot]");
    expect(sim.comments(REPO, 1).map((c) => c.body)).toEqual(["synced"]);
    expect((await call(sim, "GET", `${ISSUES}/1`)).body.comments).toBe(1);
    expect((await call(sim, "GET", `${ISSUES}/99`)).status).toBe(404);
  });
});

describe("GitHubSim milestones", () => {
  it("stores due_on as the Pacific calendar date, like GitHub", async () => {
    const sim = newSim();
    const dueOn = async (title: string, due: string) =>
      (await call(sim, "POST", "/repos/octo/plans/milestones", { title, due_on: due })).body.due_on;
    expect(await dueOn("midnight UTC", "2026-12-15T00:00:00Z")).toBe("2026-12-14T08:00:00Z");
    expect(await dueOn("noon UTC", "2026-12-15T12:00:00Z")).toBe("2026-12-15T08:00:00Z");
    expect(await dueOn("summer", "2026-07-01T12:00:00Z")).toBe("2026-07-01T07:00:00Z");
    const updated = await call(sim, "PATCH", "/repos/octo/plans/milestones/1", { due_on: "2026-03-20T00:00:00Z" });
    expect(updated.body.due_on).toBe("2026-03-19T07:00:00Z");
  });

  it("rejects duplicate titles and unknown milestone numbers on issues", async () => {
    const sim = newSim();
    await call(sim, "POST", "/repos/octo/plans/milestones", { title: "v1" });
    const dup = await call(sim, "POST", "/repos/octo/plans/milestones", { title: "v1" });
    expect(dup.status).toBe(422);
    expect(dup.body.errors).toEqual([{ resource: "Milestone", code: "already_exists", field: "title" }]);
    const unknown = await call(sim, "POST", ISSUES, { title: "t", milestone: 7 });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      message: "Validation Failed",
      errors: [{ resource: "Issue", field: "milestone", code: "invalid", value: 7 }],
    });
    const ok = await call(sim, "POST", ISSUES, { title: "t", milestone: 1 });
    expect(ok.body.milestone).toMatchObject({ number: 1, title: "v1", open_issues: 1 });
    const cleared = await call(sim, "PATCH", `${ISSUES}/1`, { milestone: null });
    expect(cleared.body.milestone).toBeNull();
  });

  it("lists by state and updates title and state", async () => {
    const sim = newSim();
    await call(sim, "POST", "/repos/octo/plans/milestones", { title: "a", due_on: "2026-05-01T12:00:00Z" });
    await call(sim, "POST", "/repos/octo/plans/milestones", { title: "b" });
    await call(sim, "PATCH", "/repos/octo/plans/milestones/2", { state: "closed", title: "b2" });
    const titles = async (state: string) =>
      (await call(sim, "GET", `/repos/octo/plans/milestones?state=${state}`)).body.map(
        (m: { title: string }) => m.title,
      );
    expect(await titles("open")).toEqual(["a"]);
    expect(await titles("closed")).toEqual(["b2"]);
    expect(await titles("all")).toEqual(["a", "b2"]);
  });
});

describe("GitHubSim pulls, checks, repository", () => {
  it("refuses a second open pull request for the same head and base", async () => {
    const sim = newSim();
    sim.commitFiles(REPO, "plansync/update", { "docs/plan.md": "- [x] task\n" }, "sync");
    const body = { title: "Sync", head: "octo:plansync/update", base: "main" };
    expect((await call(sim, "POST", "/repos/octo/plans/pulls", body)).status).toBe(201);
    const dup = await call(sim, "POST", "/repos/octo/plans/pulls", body);
    expect(dup.status).toBe(422);
    expect(dup.body.errors[0].message).toBe("A pull request already exists for octo:plansync/update.");
    const listed = await call(sim, "GET", "/repos/octo/plans/pulls?head=octo:plansync/update&state=open");
    expect(listed.body.map((p: { number: number }) => p.number)).toEqual([1]);
    expect(listed.body[0].head).toMatchObject({ ref: "plansync/update", sha: sim.headSha(REPO, "plansync/update") });
    const closed = await call(sim, "PATCH", "/repos/octo/plans/pulls/1", { state: "closed" });
    expect(closed.body.state).toBe("closed");
    expect((await call(sim, "POST", "/repos/octo/plans/pulls", body)).status).toBe(201);
  });

  it("stores check runs and appends annotations across updates", async () => {
    const sim = newSim();
    const annotation = (line: number) => ({
      path: "docs/plan.md",
      start_line: line,
      end_line: line,
      annotation_level: "warning",
      message: `m${line}`,
    });
    const created = await call(sim, "POST", "/repos/octo/plans/check-runs", {
      name: "plansync",
      head_sha: sim.headSha(REPO, "main"),
      status: "in_progress",
      output: { title: "Plan", summary: "checking", annotations: [annotation(1)] },
    });
    expect(created.status).toBe(201);
    const updated = await call(sim, "PATCH", `/repos/octo/plans/check-runs/${created.body.id}`, {
      conclusion: "failure",
      output: { title: "Plan", summary: "done", annotations: [annotation(2), annotation(3)] },
    });
    expect(updated.body).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(updated.body.output.annotations_count).toBe(3);
    const [run] = sim.checkRuns(REPO);
    expect(run?.annotations.map((a) => a.start_line)).toEqual([1, 2, 3]);
    expect(run?.output.summary).toBe("done");
    const tooMany = await call(sim, "PATCH", `/repos/octo/plans/check-runs/${created.body.id}`, {
      output: { title: "Plan", summary: "s", annotations: Array.from({ length: 51 }, (_, i) => annotation(i + 1)) },
    });
    expect(tooMany.status).toBeGreaterThanOrEqual(400);
    expect(sim.violations.join("\n")).toContain("must NOT have more than 50 items");
  });

  it("serves the repository, branch, installation and a token, and 404s unknown repositories", async () => {
    const sim = newSim();
    sim.protectBranch(REPO, "main");
    const repo = await call(sim, "GET", "/repos/octo/plans");
    expect(repo.body).toMatchObject({
      name: "plans",
      full_name: "octo/plans",
      default_branch: "main",
      private: false,
      owner: { login: "octo", type: "User" },
    });
    const branch = await call(sim, "GET", "/repos/octo/plans/branches/main");
    expect(branch.body).toMatchObject({ name: "main", protected: true, commit: { sha: sim.headSha(REPO, "main") } });
    expect((await call(sim, "GET", "/repos/octo/plans/installation")).body.id).toBe(1);
    const token = await call(sim, "POST", "/app/installations/1/access_tokens");
    expect(token.status).toBe(201);
    expect(token.body.token).toMatch(/^ghs_sim/);
    expect((await call(sim, "POST", "/app/installations/999/access_tokens")).status).toBe(404);
    const missing = await call(sim, "GET", "/repos/octo/nope/issues");
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("Not Found");
  });
});

describe("GitHubSim request log and faults", () => {
  it("logs reads and writes, and answers injected faults once", async () => {
    const sim = newSim();
    await call(sim, "POST", "/app/installations/1/access_tokens");
    sim.failNext({
      method: "POST",
      pathIncludes: "/issues",
      status: 403,
      body: { message: "You have exceeded a secondary rate limit." },
      headers: { "retry-after": "1" },
    });
    const limited = await call(sim, "POST", ISSUES, { title: "t" });
    expect(limited.status).toBe(403);
    expect(limited.headers["retry-after"]).toBe("1");
    expect((await call(sim, "POST", ISSUES, { title: "t" })).status).toBe(201);
    await call(sim, "GET", `${ISSUES}/1`);
    expect(sim.writes().map((r) => [r.operationId, r.status])).toEqual([
      ["issues/create", 403],
      ["issues/create", 201],
    ]);
    expect(sim.reads().map((r) => r.path)).toEqual(["/repos/octo/plans/issues/1"]);
    sim.resetLog();
    expect(sim.requests).toEqual([]);
  });

  it("fails a matching request several times when asked", async () => {
    const sim = newSim();
    sim.failNext({ pathIncludes: "docs/plan.md", status: 500, times: 2 });
    const get = () => call(sim, "GET", "/repos/octo/plans/contents/docs%2Fplan.md");
    expect([(await get()).status, (await get()).status, (await get()).status]).toEqual([500, 500, 200]);
  });
});
