import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { isBranchProtectionRefusal, isForbidden } from "../../src/github/write-policy.js";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

/** An octokit RequestError as far as the classifier looks: status, message, response headers. */
function requestError(status: number, message: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(message), { status, response: { status, headers, data: { message } } });
}

const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
const NOT_ACCESSIBLE = "Resource not accessible by integration";

describe("isBranchProtectionRefusal", () => {
  it.each([
    [409, "Repository rule violations found\n\nChanges must be made through a pull request."],
    [422, "Repository rule violations found Changes must be made through a pull request. - https://docs.github.com"],
    [422, "Protected branch update failed for refs/heads/main."],
    [409, "Could not update file: 6 of 6 required status checks are expected."],
    [422, 'Required status check "ci" is expected.'],
    [403, "GH006: Protected branch update failed for refs/heads/main. (protected branch hook declined)"],
    [422, "GH013: Repository rule violations found for refs/heads/main."],
    [422, "At least 1 approving review is required by reviewers with write access."],
  ])("is true for GitHub's %i %j", (status, message) => {
    expect(isBranchProtectionRefusal(requestError(status, message))).toBe(true);
  });

  it.each([
    ["a secondary rate limit", requestError(403, SECONDARY)],
    ["a spent quota", requestError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0" })],
    ["a token without the permission", requestError(403, NOT_ACCESSIBLE)],
    ["a stale sha", requestError(409, "docs/plan.md does not match abc")],
    ["a non-fast-forward ref update", requestError(422, "Update is not a fast forward")],
    ["no answer at all", new Error("socket hang up")],
  ])("is false for %s", (_, error) => {
    expect(isBranchProtectionRefusal(error)).toBe(false);
  });
});

describe("isForbidden", () => {
  it("is a 403 that is no rate limit", () => {
    expect(isForbidden(requestError(403, NOT_ACCESSIBLE))).toBe(true);
    expect(isForbidden(requestError(403, "GitHub Actions is not permitted to create or approve pull requests."))).toBe(
      true,
    );
    expect(isForbidden(requestError(403, SECONDARY))).toBe(false);
    expect(isForbidden(requestError(403, "x", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" }))).toBe(false);
    expect(isForbidden(requestError(403, "x", { "retry-after": "60" }))).toBe(false);
    expect(isForbidden(requestError(404, "Not Found"))).toBe(false);
  });
});

const PLAN_A = "# A\n\n- [ ] FA-1 First\n";
const PLAN_B = "# B\n\n- [ ] FB-1 Second\n";

describe("a write-back refused with a 403 on an unprotected branch", () => {
  let app: TestApp;
  checkAfterEach(() => app, { jobErrors: true });

  async function start() {
    app = startApp({});
    await app.push({ "docs/a.md": PLAN_A, "docs/b.md": PLAN_B });
  }

  const issueOf = (id: string) => (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === id);

  /** People close the issues; the webhooks arrive within one write-back window, so one job writes them. */
  async function close(...ids: string[]) {
    const payloads = [];
    for (const id of ids) {
      const number = issueOf(id).number;
      await app.sim.handle({ method: "PATCH", url: `/repos/${FULL}/issues/${number}`, body: '{"state":"closed"}' });
      payloads.push(issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, number), "closed"));
    }
    app.sim.resetLog();
    for (const payload of payloads) await app.deliver("issues", payload);
    await app.idle();
  }

  /** Nothing was proposed: no `plansync/checkboxes` branch, no pull request, the docs untouched. */
  function expectNoPullRequest() {
    const operations = app.sim.requests.map((r) => r.operationId);
    expect(operations).not.toContain("pulls/create");
    expect(operations).not.toContain("git/create-ref");
    expect(app.sim.readFile(FULL, "plansync/checkboxes", "docs/a.md")).toBeUndefined();
    expect(app.sim.readFile(FULL, "main", "docs/a.md")).toBe(PLAN_A);
    expect(app.sim.readFile(FULL, "main", "docs/b.md")).toBe(PLAN_B);
  }

  /** The job failed with GitHub's own 403, so the backend retries it and the log says why. */
  function expectFailedWith(message: string) {
    expect(app.errors).toHaveLength(1);
    expect(app.errors[0]).toMatchObject({ status: 403 });
    expect((app.errors[0] as Error).message).toContain(message);
    app.errors.length = 0;
  }

  /** A rate limit pauses the write-back (no attempt spent, no pull request) and it resumes to the end. */
  function expectPausedThenWritten() {
    const operations = app.sim.requests.map((r) => r.operationId);
    expect(operations).not.toContain("pulls/create");
    expect(app.errors).toEqual([]);
    expect(app.sim.readFile(FULL, "main", "docs/a.md")).toBe(PLAN_A.replace("[ ]", "[x]"));
    expect(app.sim.readFile(FULL, "main", "docs/b.md")).toBe(PLAN_B);
  }

  it("is a rate limit, not a protected branch, when GitHub says secondary rate limit: paused, then written", async () => {
    await start();
    const headers = { "retry-after": "1" };
    app.sim.failNext({ method: "PUT", pathIncludes: "/contents/", status: 403, body: { message: SECONDARY }, headers });
    await close("FA-1");
    expectPausedThenWritten();
  });

  it("is a rate limit when x-ratelimit-remaining is 0: paused until the reset, then written", async () => {
    await start();
    const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 1) };
    const body = { message: "API rate limit exceeded for installation ID 1." };
    app.sim.failNext({ method: "PUT", pathIncludes: "/contents/", status: 403, body, headers });
    await close("FA-1");
    expectPausedThenWritten();
  });

  it("is a failure, not a protected branch, when creating the tree is not accessible", async () => {
    await start();
    app.sim.failNext({ method: "POST", pathIncludes: "/git/trees", status: 403, body: { message: NOT_ACCESSIBLE } });
    await close("FA-1", "FB-1");
    expectNoPullRequest();
    expectFailedWith(NOT_ACCESSIBLE);
  });

  it("still opens the pull request when the ref update is refused by branch protection", async () => {
    await start();
    const body = { message: "Protected branch update failed for refs/heads/main." };
    app.sim.failNext({ method: "PATCH", pathIncludes: "/git/refs/heads/main", status: 422, body });
    await close("FA-1", "FB-1");
    expect(app.errors).toEqual([]);
    expect(app.sim.requests.filter((r) => r.operationId === "pulls/create")).toHaveLength(1);
    expect(app.sim.readFile(FULL, "plansync/checkboxes", "docs/a.md")).toBe(PLAN_A.replace("[ ]", "[x]"));
    expect(app.sim.readFile(FULL, "plansync/checkboxes", "docs/b.md")).toBe(PLAN_B.replace("[ ]", "[x]"));
  });
});
