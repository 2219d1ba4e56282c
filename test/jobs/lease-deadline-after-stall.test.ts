import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { ProbotOctokit } from "probot";
import { describe, expect, inject, it } from "vitest";
import type { Octokit } from "../../src/github/octokit.js";
import { guardLease } from "../../src/jobs/lease-guard.js";
import { RepoLease } from "../../src/jobs/repo-lease.js";

const redisUrl = inject("redisUrl");

describe.skipIf(!redisUrl)(
  "a run whose process stalls past its lease (GC pause, SIGSTOP, VM freeze, long sync step)",
  () => {
    it("sends no write once the lease has expired in Redis", async () => {
      const LEASE = 1_000;
      const port = new URL(redisUrl).port;
      const redis = new Redis(redisUrl, { commandTimeout: LEASE / 4, maxRetriesPerRequest: 1 });
      const lock = `review-${randomUUID()}:lock:octo/one`;
      const lease = (await RepoLease.acquire(redis, { lock, waiting: `${lock}:waiting` }, LEASE, "job1")) as RepoLease;
      const acquiredAt = Date.now();
      const sent: { afterMs: number; otherInstanceTookLease: string }[] = [];
      const octokit = guardLease(
        new ProbotOctokit({
          auth: { token: "test" },
          request: {
            fetch: async () => {
              // At the moment the write reaches GitHub: could another instance hold the repository?
              const took = execFileSync("redis-cli", ["-p", port, "SET", lock, "other-job:x", "NX", "PX", "5000"])
                .toString()
                .trim();
              sent.push({ afterMs: Date.now() - acquiredAt, otherInstanceTookLease: took });
              return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
            },
          },
          throttle: { enabled: false },
          retry: { enabled: false },
        }) as Octokit,
        lease.signal,
      );
      // The process is frozen for 1.5 leases (no timer can fire), then carries on with its next write.
      const until = Date.now() + 1.5 * LEASE;
      while (Date.now() < until) {
        /* stalled */
      }
      const refused = await octokit.rest.issues
        .update({ owner: "octo", repo: "one", issue_number: 1, state: "closed" })
        .then(
          () => "sent",
          (error: Error) => error.message,
        );
      await lease.release().catch(() => undefined);
      redis.disconnect();
      expect(sent).toEqual([]);
      expect(refused).toBe(
        "Refused PATCH https://api.github.com/repos/octo/one/issues/1: this job lost its repository lease (Redis unreachable or the job ran past its lease), so another instance may hold the repository now. The job is retried from GitHub's state.",
      );
    });
  },
);
