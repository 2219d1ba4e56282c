import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { guardLease, LeaseLostError } from "../../src/jobs/lease-guard.js";
import type { Octokit } from "../../src/github/octokit.js";

describe("a job's client after its lease is lost", () => {
  it("refuses every write, sends nothing for it, and still reads", async () => {
    const sent: string[] = [];
    const fetch = async (url: string, init: { method: string }) => {
      sent.push(`${init.method} ${new URL(url).pathname}`);
      return new Response(JSON.stringify({ number: 1 }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    };
    const octokit = new ProbotOctokit({
      auth: { token: "test" },
      request: { fetch },
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
    expect(sent).toEqual(["POST /repos/o/r/issues", "GET /repos/o/r/issues/1"]);
  });
});
