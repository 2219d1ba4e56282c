import { randomUUID } from "node:crypto";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { Octokit } from "../../src/github/octokit.js";
import type { JobHandler } from "../../src/jobs/job-backend.js";
import { guardLease, LeaseLostError } from "../../src/jobs/lease-guard.js";
import { RedisBackend } from "../../src/jobs/redis-backend.js";
import { sleep, syncWork } from "./backends.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";

const redisUrl = inject("redisUrl");
const LEASE_MS = 1_000;

/** A fake GitHub behind `fetch`, recording when each request reached it. */
function fakeGitHub() {
  const arrivals: number[] = [];
  const fetch = async () => {
    arrivals.push(Date.now());
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  return { arrivals, fetch };
}

const opened: RedisBackend[] = [];
let proxy: TcpProxy | undefined;

afterEach(async () => {
  proxy?.resume();
  for (const backend of opened.splice(0)) await Promise.race([backend.close().catch(() => undefined), sleep(3_000)]);
  await proxy?.close();
  proxy = undefined;
});

function open(url: string, prefix: string, handler: JobHandler): RedisBackend {
  const backend = new RedisBackend({
    url,
    prefix,
    handler,
    onOutcome: () => undefined,
    onConnectionError: () => undefined,
    concurrency: 1,
    attempts: 3,
    backoffMs: 50,
    leaseMs: LEASE_MS,
  });
  opened.push(backend);
  return backend;
}

describe.skipIf(!redisUrl)("a partition between an instance and Redis", () => {
  it("aborts the run by its local deadline, sends no write after it, and the other instance starts only then", async () => {
    const target = new URL(redisUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const prefix = `partition-${randomUUID()}`;
    const github = fakeGitHub();
    const refused: number[] = [];
    let abortedAt = 0;
    let firstStarted = 0;
    const first = open(`redis://127.0.0.1:${proxy.port}`, prefix, async (_kind, _works, signal) => {
      firstStarted = Date.now();
      signal.addEventListener("abort", () => (abortedAt = Date.now()));
      const octokit = guardLease(
        new ProbotOctokit({
          auth: { token: "test" },
          request: { fetch: github.fetch },
          throttle: { enabled: false },
          retry: { enabled: false },
        }) as Octokit,
        signal,
      );
      // A long run that writes every 50 ms, and keeps trying after a refusal, for 6 s.
      while (Date.now() - firstStarted < 6_000) {
        await octokit.rest.issues
          .update({ owner: "octo", repo: "one", issue_number: 1, title: "x" })
          .catch((error: unknown) => {
            if (!(error instanceof LeaseLostError)) throw error;
            refused.push(Date.now());
          });
        await sleep(50);
      }
    });
    await first.enqueue(syncWork("one", "plan.md"));
    while (!firstStarted) await sleep(10);
    await sleep(300);
    const pausedAt = Date.now();
    proxy.pause();

    let secondStarted = 0;
    const second = open(redisUrl, prefix, async () => {
      secondStarted ||= Date.now();
    });
    const giveUp = Date.now() + 10_000;
    while ((!secondStarted || !abortedAt) && Date.now() < giveUp) await sleep(20);

    console.info(
      `partition: signal aborted ${abortedAt - pausedAt} ms after the pause; the other instance started ${secondStarted - abortedAt} ms after that`,
    );
    expect(abortedAt).toBeGreaterThan(pausedAt);
    // Its last successful extension was sent before the pause: the deadline is at most a lease later.
    expect(abortedAt - pausedAt).toBeLessThanOrEqual(LEASE_MS + 50);
    expect(github.arrivals.filter((at) => at >= abortedAt)).toEqual([]);
    expect(github.arrivals.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(secondStarted).toBeGreaterThan(abortedAt);
    expect(second).toBeDefined();
  }, 20_000);
});
