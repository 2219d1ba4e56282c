import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, newSim } from "./sim-test-helpers.js";

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const FILES = { ".github/plansync.yml": "prefixes:\n  - BE\n", "docs/plan.md": "# Plan\n" };

/**
 * Throttling is off by default (its write queue spaces writes a second apart); when on, `retry-after`
 * seconds are shortened to milliseconds to keep the test fast.
 */
function octokit(options: { baseUrl?: string; throttle?: boolean } = {}) {
  return new ProbotOctokit({
    auth: { token: "ghs_test" },
    log: silent,
    // Probot's own handlers serve when enabled; the typings only know `enabled: false` without handlers.
    throttle: { enabled: options.throttle ?? false, retryAfterBaseValue: 1 } as { enabled: false },
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
}

describe("GitHubSim through nock", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
    nock.enableNetConnect();
  });

  it("answers global fetch to api.github.com and stops when the interceptors are removed", async () => {
    const sim = newSim(FILES);
    const stop = sim.interceptWithNock();
    nock.disableNetConnect();
    const created = await fetch("https://api.github.com/repos/octo/plans/issues", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "token x" },
      body: JSON.stringify({ title: "via fetch", labels: ["plan"] }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ number: 1, labels: [{ name: "plan" }] });
    const raw = await fetch("https://api.github.com/repos/octo/plans/contents/docs%2Fplan.md", {
      headers: { accept: "application/vnd.github.raw" },
    });
    expect(await raw.text()).toBe("# Plan\n");
    stop();
    await expect(fetch("https://api.github.com/repos/octo/plans")).rejects.toThrow();
    expect(sim.violations).toEqual([]);
  });

  it("serves Probot's Octokit: pagination, config loading, throttling retries", async () => {
    const sim = newSim(FILES);
    cleanups.push(sim.interceptWithNock());
    const gh = octokit();
    for (let i = 1; i <= 5; i++) await gh.rest.issues.create({ owner: "octo", repo: "plans", title: `t${i}` });
    const all = await gh.paginate(gh.rest.issues.listForRepo, { owner: "octo", repo: "plans", per_page: 2 });
    expect(all.map((issue) => issue.number)).toEqual([5, 4, 3, 2, 1]);
    const { config } = await gh.config.get({ owner: "octo", repo: "plans", path: ".github/plansync.yml" });
    expect(config).toEqual({ prefixes: ["BE"] });
    const throttled = octokit({ throttle: true });
    sim.failNext({
      method: "POST",
      pathIncludes: "/issues",
      status: 403,
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
      headers: { "retry-after": "1" },
    });
    await throttled.rest.issues.create({ owner: "octo", repo: "plans", title: "after limit" });
    expect(
      sim
        .writes()
        .slice(-2)
        .map((r) => r.status),
    ).toEqual([403, 201]);
    expect(sim.issue(REPO, 6)?.title).toBe("after limit");
    expect(sim.violations).toEqual([]);
  });
});

describe("GitHubSim over HTTP (listen)", () => {
  it("serves Octokit with a GitHub Enterprise base URL and follows its own Link headers", async () => {
    const sim = newSim(FILES);
    const server = await sim.listen();
    try {
      const gh = octokit({ baseUrl: `http://127.0.0.1:${server.port}/api/v3` });
      for (let i = 1; i <= 3; i++) await gh.rest.issues.create({ owner: "octo", repo: "plans", title: `t${i}` });
      const first = await gh.rest.issues.listForRepo({ owner: "octo", repo: "plans", per_page: 1 });
      expect(first.headers.link).toContain(
        `http://127.0.0.1:${server.port}/api/v3/repos/octo/plans/issues?per_page=1&page=2`,
      );
      const all = await gh.paginate(gh.rest.issues.listForRepo, { owner: "octo", repo: "plans", per_page: 1 });
      expect(all.map((issue) => issue.title)).toEqual(["t3", "t2", "t1"]);
      const file = await gh.rest.repos.getContent({ owner: "octo", repo: "plans", path: "docs/plan.md" });
      expect(file.data).toMatchObject({ type: "file", path: "docs/plan.md" });
      expect(sim.requests.every((r) => r.path.startsWith("/repos/"))).toBe(true);
      expect(sim.violations).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
