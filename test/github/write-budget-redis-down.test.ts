// Regression, issue #22 (write budget / Redis unavailable): when the shared budget's Redis call fails, the hook
// threw the Redis error in place of the write. Nothing was sent, yet write-policy.ts classed the
// error as uncertain (no HTTP status): a create then ran its lookup-and-resend loop (sendOnce)
// against a write that never left. Now a failing budget never surfaces as the write's error: the
// write is paced by the process's own budget, with one warning per outage.
import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { RedisWriteBudget } from "../../src/github/redis-write-budget.js";
import { paceWrites } from "../../src/github/write-budget-plugin.js";

describe("the write budget when Redis is unreachable mid-sync", () => {
  it("sends the writes paced by the process's own budget, warns once, and throws no error that could be taken for uncertain", async () => {
    const sent: string[] = [];
    const warnings: string[] = [];
    const octokit = new Octokit({
      request: {
        fetch: async (url: string, init: { method: string }) => {
          sent.push(`${init.method} ${new URL(url).pathname}`);
          return new Response(JSON.stringify({ id: 1, number: 1 }), {
            status: 201,
            headers: { "content-type": "application/json" },
          });
        },
      },
    });
    // ioredis's answer to a command while the connection is down (offline queue given up).
    const redis = { eval: async () => Promise.reject(new Error("Connection is closed.")) };
    paceWrites(octokit, {
      budget: new RedisWriteBudget(redis),
      installation: "42",
      log: { warn: (message: string) => warnings.push(message) },
    });
    const statuses = [];
    for (let i = 0; i < 2; i++)
      statuses.push((await octokit.rest.issues.create({ owner: "o", repo: "r", title: `T${i}` })).status);
    expect({ statuses, sent, warnings: warnings.length }).toEqual({
      statuses: [201, 201],
      sent: ["POST /repos/o/r/issues", "POST /repos/o/r/issues"],
      warnings: 1,
    });
    expect(warnings[0]).toMatch(
      /Redis failed for installation 42 \(Connection is closed\.\).*Check that Redis is reachable/,
    );
  });
});
