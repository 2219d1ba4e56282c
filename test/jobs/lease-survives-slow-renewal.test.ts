import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { RepoLease } from "../../src/jobs/repo-lease.js";
import { sleep } from "./backends.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";

const redisUrl = inject("redisUrl");
let proxy: TcpProxy | undefined;
let conn: Redis | undefined;
afterEach(async () => {
  proxy?.resume();
  conn?.disconnect();
  await proxy?.close();
});

describe.skipIf(!redisUrl)("a lease whose one renewal meets a short Redis stall", () => {
  it("survives a stall well inside the lease ('three tries per lease')", async () => {
    const LEASE = 1_200;
    const target = new URL(redisUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    // As RedisBackend's lease connection: commandTimeout leaseMs/4, one retry.
    conn = new Redis(`redis://127.0.0.1:${proxy.port}`, { commandTimeout: LEASE / 4, maxRetriesPerRequest: 1 });
    conn.on("error", () => undefined);
    const keys = { lock: `review-${randomUUID()}:lock`, waiting: `review-${randomUUID()}:waiting` };
    const lease = (await RepoLease.acquire(conn, keys, LEASE, "job1")) as RepoLease;
    const start = Date.now();
    let abortedAt = 0;
    lease.signal.addEventListener("abort", () => (abortedAt = Date.now() - start));
    await sleep(350);
    proxy.pause(); // a 400 ms stall, straddling the first renewal (at 400 ms)
    await sleep(400);
    proxy.resume();
    await sleep(300); // 1050 ms: the lease acquired at 0 is still valid in Redis until 1200 ms
    const raw = new Redis(redisUrl);
    const pttl = await raw.pttl(keys.lock);
    raw.disconnect();
    expect(pttl).toBeGreaterThan(0); // nobody else could have it yet
    expect({ abortedAt, reason: String(lease.signal.reason ?? "") }).toEqual({ abortedAt: 0, reason: "" });
    // The renewal tried again after the stall got through: the lease outlives its first term.
    await sleep(400); // 1450 ms: past the first term's expiry in Redis (1200 ms)
    const check = new Redis(redisUrl);
    const later = await check.pttl(keys.lock);
    check.disconnect();
    expect({ renewed: later > 0, aborted: lease.signal.aborted }).toEqual({ renewed: true, aborted: false });
    await lease.release();
  });
});
