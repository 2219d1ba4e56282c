import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";

let app: ReturnType<typeof startApp>;
afterEach(() => {
  app?.stop();
  expect(app.sim.violations).toEqual([]);
});

const PLAN =
  Array.from({ length: 10 }, (_, i) => `- [${i % 4 === 3 ? "x" : " "}] RL-${i + 1} Task ${i + 1}`).join("\n") + "\n";
const SECONDARY = {
  message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
};

async function pushPlan() {
  const { sha, before } = app.sim.commitFiles(FULL, "main", { "docs/plan.md": PLAN }, "Add plan");
  return pushPayload({ owner: OWNER, repo: REPO }, { before, after: sha, added: ["docs/plan.md"] });
}

/** Every task has exactly one issue, in the state its box says. */
function expectInSync() {
  const issues = app.sim.issues(FULL) as any[];
  const ids = issues.map((i) => readMarker(i.body)!.id).sort();
  expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `RL-${i + 1}`).sort());
  for (const issue of issues) {
    const n = Number(readMarker(issue.body)!.id.slice(3));
    expect(issue.state).toBe((n - 1) % 4 === 3 ? "closed" : "open");
  }
}

describe("a sync cut off by GitHub resumes without duplicates", () => {
  it("pauses at a 403 secondary rate limit on the fifth create, says so, and resumes by itself after retry-after", async () => {
    app = startApp({});
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    const headers = { "retry-after": "1" };
    app.sim.failNext({ method: "POST", pathIncludes: "/issues", status: 403, body: SECONDARY, headers, after: 4 });
    const started = Date.now();
    await app.receive("push", await pushPlan()); // waits for the resumed run too
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const [paused, resumed] = app.sim.checkRuns(FULL);
    expect(paused).toMatchObject({ conclusion: "neutral" });
    // Six changes made: the label, four issues, and closing the ticked RL-4.
    expect(paused!.output.title).toBe("Paused by GitHub's rate limit after 6 changes; resumes in 1 s");
    expect(paused!.output.summary).toContain("plansync resumes it by itself in about 1 s");
    expect(resumed).toMatchObject({ conclusion: "success" });
    expectInSync();
    const creates = app.sim.requests.filter((r) => r.operationId === "issues/create").map((r) => r.status);
    expect(creates).toEqual([201, 201, 201, 201, 403, 201, 201, 201, 201, 201, 201]);
    expect(app.errors).toEqual([]);
  });

  it("after a 500 on the fifth issue create: it looks for the issue, then sends the create again", async () => {
    app = startApp({});
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    app.sim.failNext({ method: "POST", pathIncludes: "/issues", status: 500, after: 4, times: 1 });
    await app.receive("push", await pushPlan());
    expectInSync();
    const fifth = app.sim.requests.findIndex((r) => r.operationId === "issues/create" && r.status === 500);
    expect(app.sim.requests.slice(fifth, fifth + 3).map((r) => `${r.operationId} ${r.status}`)).toEqual([
      "issues/create 500",
      "issues/list-for-repo 200",
      "issues/create 201",
    ]);
  });

  it("after a failure between creating an issue and closing it", async () => {
    app = startApp({});
    // RL-4 is ticked: its create succeeds, then the close PATCH fails.
    app.sim.failNext({ method: "PATCH", pathIncludes: "/issues/4", status: 500 });
    const payload = await pushPlan();
    await app.receive("push", payload);
    expect((app.sim.issues(FULL) as any[]).find((i) => i.number === 4)).toMatchObject({ state: "open" });
    await app.receive("push", payload);
    expectInSync();
  });
});

describe("the server's Octokit", () => {
  it("waits out a secondary rate limit and retries, instead of stopping the sync", async () => {
    app = startApp({}, { throttled: true });
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    app.sim.failNext({
      method: "POST",
      pathIncludes: "/issues",
      status: 403,
      body: SECONDARY,
      headers: { "retry-after": "1" },
    });
    await app.push({ "docs/plan.md": "- [ ] RL-1 Only task\n" });
    expect(app.sim.issues(FULL)).toHaveLength(1);
    const creates = app.sim.requests.filter((r) => r.operationId === "issues/create").map((r) => r.status);
    expect(creates).toEqual([403, 201]);
    expect(app.errors).toEqual([]);
  }, 30_000);
});
