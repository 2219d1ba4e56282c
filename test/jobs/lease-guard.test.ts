import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { guardLease, LeaseLostError } from "../../src/jobs/lease-guard.js";
import type { Octokit } from "../../src/github/octokit.js";

/** A fake GitHub behind `fetch`: records each request that reaches it, answering `status(n)` to the n-th. */
function fakeGitHub(status: (n: number) => number = () => 200) {
  const sent: { at: number; request: string }[] = [];
  const fetch = async (url: string, init: { method: string }) => {
    sent.push({ at: Date.now(), request: `${init.method} ${new URL(url).pathname}` });
    return new Response(JSON.stringify({ number: 1 }), {
      status: status(sent.length),
      headers: { "content-type": "application/json" },
    });
  };
  return { sent, fetch };
}

describe("a job's client after its lease is lost", () => {
  it("refuses every write, sends nothing for it, and still reads", async () => {
    const github = fakeGitHub();
    const octokit = new ProbotOctokit({
      auth: { token: "test" },
      request: { fetch: github.fetch },
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as Octokit;
    const lease = new AbortController();
    guardLease(octokit, lease.signal);
    await octokit.rest.issues.create({ owner: "o", repo: "r", title: "before" });
    lease.abort();
    await expect(octokit.rest.issues.create({ owner: "o", repo: "r", title: "after" })).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    await expect(
      octokit.rest.issues.update({ owner: "o", repo: "r", issue_number: 1, state: "closed" }),
    ).rejects.toThrow(/lost its repository lease/);
    await octokit.rest.issues.get({ owner: "o", repo: "r", issue_number: 1 });
    expect(github.sent.map((s) => s.request)).toEqual(["POST /repos/o/r/issues", "GET /repos/o/r/issues/1"]);
  });

  it("does not send a write octokit's retry queued before the lease was lost", async () => {
    // The first attempt answers 502; octokit's retry plugin sends it again after 1 s. The lease
    // is lost in between: the retry must be refused at the moment it would be sent.
    const github = fakeGitHub((n) => (n === 1 ? 502 : 200));
    const octokit = new ProbotOctokit({
      auth: { token: "test" },
      request: { fetch: github.fetch },
      throttle: { enabled: false },
    }) as Octokit;
    const lease = new AbortController();
    guardLease(octokit, lease.signal);
    const update = octokit.rest.issues.update({ owner: "o", repo: "r", issue_number: 1, state: "closed" });
    const settled = update.then(
      () => "sent",
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(github.sent.map((s) => s.request)).toEqual(["PATCH /repos/o/r/issues/1"]);
    const lostAt = Date.now();
    lease.abort();
    const outcome = await settled;
    expect(outcome).toBeInstanceOf(LeaseLostError);
    expect(github.sent.filter((s) => s.at >= lostAt)).toEqual([]);
    expect(github.sent).toHaveLength(1);
  });

  it("does not send a write octokit's throttling held back until after the lease was lost", async () => {
    // Throttling spaces writes 1 s apart (issue creates 3 s): the second create waits in its
    // queue, and the lease is lost while it waits.
    const github = fakeGitHub();
    const octokit = new ProbotOctokit({
      auth: { token: "test" },
      request: { fetch: github.fetch },
      retry: { enabled: false },
    }) as Octokit;
    const lease = new AbortController();
    guardLease(octokit, lease.signal);
    await octokit.rest.issues.create({ owner: "o", repo: "r", title: "first" });
    const second = octokit.rest.issues.create({ owner: "o", repo: "r", title: "second" }).then(
      () => "sent",
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(github.sent).toHaveLength(1);
    const lostAt = Date.now();
    lease.abort();
    expect(await second).toBeInstanceOf(LeaseLostError);
    expect(github.sent.filter((s) => s.at >= lostAt)).toEqual([]);
    expect(github.sent.map((s) => s.request)).toEqual(["POST /repos/o/r/issues"]);
  });

  it("passes the lease's signal to fetch for writes, so a write still waiting for its answer is abandoned", async () => {
    const seen: { method: string; signal?: AbortSignal | null }[] = [];
    const fetch = async (_url: string, init: { method: string; signal?: AbortSignal | null }) => {
      seen.push({ method: init.method, signal: init.signal });
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    };
    const octokit = new ProbotOctokit({
      auth: { token: "test" },
      request: { fetch },
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as Octokit;
    const lease = new AbortController();
    guardLease(octokit, lease.signal);
    await octokit.rest.issues.create({ owner: "o", repo: "r", title: "t" });
    await octokit.rest.issues.get({ owner: "o", repo: "r", issue_number: 1 });
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.signal?.aborted).toBe(false);
    lease.abort();
    expect(seen[0]!.signal?.aborted).toBe(true);
    expect(seen[1]!.method).toBe("GET");
    expect(seen[1]!.signal ?? undefined).toBeUndefined();
  });
});
