import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { MemoryWriteBudget } from "../../src/github/write-budget.js";
import { WriteBudgetPause } from "../../src/github/write-budget-pause.js";
import { isContentCreating, paceWrites, writeBudget } from "../../src/github/write-budget-plugin.js";
import { isRateLimit, isUncertain, rateLimitWaitMs } from "../../src/github/write-policy.js";

const PacedOctokit = Octokit.plugin(writeBudget);

/** A client whose requests never leave: each is recorded and answered 201, on a virtual clock. */
function client(limits: { perMinute: number; perHour: number; reserve: number }) {
  const clock = { now: 0 };
  const sent: string[] = [];
  const slept: number[] = [];
  const octokit = new PacedOctokit({
    request: {
      fetch: async (url: string, init: { method: string }) => {
        sent.push(`${init.method} ${new URL(url).pathname}`);
        return new Response(JSON.stringify({ id: sent.length }), {
          status: 201,
          headers: { "content-type": "application/json" },
        });
      },
    },
    writeBudget: {
      budget: new MemoryWriteBudget(limits),
      installation: "42",
      now: () => clock.now,
      sleep: async (ms: number) => {
        slept.push(ms);
        clock.now += ms;
      },
    },
  });
  return { octokit, clock, sent, slept };
}

const issue = { owner: "o", repo: "r", title: "T1" };

describe("the write budget's hook", () => {
  it("counts content-creating writes and GraphQL mutations, not reads, check runs or token exchanges", () => {
    expect(isContentCreating({ method: "POST", url: "/repos/{owner}/{repo}/issues" })).toBe(true);
    expect(isContentCreating({ method: "PATCH", url: "/repos/o/r/issues/4" })).toBe(true);
    expect(isContentCreating({ method: "POST", url: "/repos/o/r/issues/4/sub_issues" })).toBe(true);
    expect(isContentCreating({ method: "DELETE", url: "/repos/o/r/issues/4/dependencies/blocked_by/9" })).toBe(true);
    expect(isContentCreating({ method: "POST", url: "/repos/o/r/labels" })).toBe(true);
    expect(isContentCreating({ method: "PATCH", url: "/repos/o/r/milestones/2" })).toBe(true);
    expect(isContentCreating({ method: "POST", url: "/repos/o/r/pulls" })).toBe(true);
    expect(isContentCreating({ method: "POST", url: "/repos/o/r/git/commits" })).toBe(true);
    expect(isContentCreating({ method: "PUT", url: "/repos/o/r/contents/{path}" })).toBe(true);
    expect(
      isContentCreating({ method: "POST", url: "/graphql", query: "\n mutation { createIssue { issue { id } } }" }),
    ).toBe(true);
    expect(isContentCreating({ method: "POST", url: "/graphql", query: "query { viewer { login } }" })).toBe(false);
    expect(isContentCreating({ method: "GET", url: "/repos/o/r/issues" })).toBe(false);
    expect(isContentCreating({ method: "POST", url: "/repos/o/r/check-runs" })).toBe(false);
    expect(isContentCreating({ method: "PATCH", url: "/repos/o/r/check-runs/5" })).toBe(false);
    expect(isContentCreating({ method: "POST", url: "/app/installations/42/access_tokens" })).toBe(false);
  });

  it("waits out a minute's limit in place and sends every write", async () => {
    const { octokit, sent, slept, clock } = client({ perMinute: 2, perHour: 100, reserve: 10 });
    for (let i = 0; i < 3; i++) await octokit.rest.issues.create(issue);
    await octokit.rest.issues.listForRepo({ owner: "o", repo: "r" });
    expect(sent).toEqual([
      "POST /repos/o/r/issues",
      "POST /repos/o/r/issues",
      "POST /repos/o/r/issues",
      "GET /repos/o/r/issues",
    ]);
    expect(slept).toEqual([60_000]);
    expect(clock.now).toBe(60_000);
  });

  it("pauses on the hour's limit, sending nothing, until a stretch of writes fits again", async () => {
    const { octokit, sent, clock } = client({ perMinute: 100, perHour: 60, reserve: 5 });
    for (let i = 0; i < 55; i++) {
      clock.now += 1_000;
      await octokit.rest.issues.create(issue);
    }
    clock.now = 20 * 60_000;
    const error = await octokit.rest.issues.create(issue).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteBudgetPause);
    expect(sent).toHaveLength(55);
    // The first write (at 1 s) ages out at 3,601 s; 50 of them (RESUME_CHUNK) by the 50th, at 3,650 s.
    expect((error as WriteBudgetPause).waitMs).toBe(3_650_000 - 20 * 60_000);
    expect(isRateLimit(error)).toBe(true);
    expect(isUncertain(error)).toBe(false);
    expect(rateLimitWaitMs(error, clock.now)).toBe(3_650_000 - 20 * 60_000);
    // Reads go on while writes are paused.
    await octokit.rest.issues.get({ owner: "o", repo: "r", issue_number: 1 });
    expect(sent.at(-1)).toBe("GET /repos/o/r/issues/1");
  });

  it("is off where throttling is off (the tests and the bench run Probot so) and for the app's own client", () => {
    let wrapped = 0;
    const hookable = { hook: { wrap: () => void wrapped++ } };
    writeBudget(hookable, { throttle: { enabled: false }, auth: { installationId: 42 } });
    writeBudget(hookable, { throttle: {}, auth: { appId: 1 } });
    expect(wrapped).toBe(0);
    writeBudget(hookable, { throttle: {}, auth: { installationId: 42 } });
    expect(wrapped).toBe(1);
    paceWrites(hookable, { budget: new MemoryWriteBudget(), installation: "42" });
    expect(wrapped).toBe(2);
  });

  it("shares the budget through the Redis client of Probot's throttling connection when there is one", async () => {
    const evals: (string | number)[][] = [];
    const client = {
      eval: async (_script: string, _keys: number, ...args: (string | number)[]) => (evals.push(args), [0, 0]),
    };
    const octokit = new PacedOctokit({
      throttle: { enabled: true, connection: { client } },
      // An installation client's options, as Probot gives them (its app auth, here one that signs nothing).
      auth: { installationId: 77 },
      authStrategy: () =>
        Object.assign(async () => ({ type: "unauthenticated" }), {
          hook: (request: (r: unknown, p: unknown) => unknown, route: unknown, params: unknown) =>
            request(route, params),
        }),
      request: {
        fetch: async () => new Response("{}", { status: 201, headers: { "content-type": "application/json" } }),
      },
    } as Record<string, unknown>);
    await octokit.request("POST /repos/{owner}/{repo}/labels", { owner: "O", repo: "R", name: "x" });
    expect(evals).toHaveLength(1);
    expect(evals[0]![0]).toBe("plansync:write-budget:77");
    expect(evals[0]![2]).toBe("o/r");
  });
});
