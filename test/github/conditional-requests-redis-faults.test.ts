import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { appVersion } from "../../src/app/app-version.js";
import { defaultBlobCache, defaultEtagCache } from "../../src/app/default-backend.js";
import { useEtagCache } from "../../src/github/conditional-requests.js";
import { RedisEtagCache } from "../../src/github/etag-cache-redis.js";
import { ETAG_ENTRY_SHAPE, MemoryEtagCache } from "../../src/github/etag-cache.js";
import { tokenOctokit } from "../../src/github/token-octokit.js";
import { newSim } from "../sim/sim-test-helpers.js";

/**
 * README: "a Redis error reads as a miss and never fails a sync". Two ways Redis can misbehave
 * short of refusing connections: it answers with a value this version did not write (another
 * version's entry during a rolling deploy, a hand-edited key), or it stops answering on a live
 * connection (a stalled server, a network partition without a reset).
 */

const redisUrl = inject("redisUrl");
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const repo = { owner: "octo", repo: "plans" };
const client = () => tokenOctokit({ token: "ghs_test", userAgent: "plansync-test", log: quiet });

const cleanups: (() => void)[] = [];
afterEach(() => {
  useEtagCache(null);
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe.skipIf(!redisUrl)("conditional requests: a Redis entry this version did not write", () => {
  it("reads a repository when the shared entry holds JSON `null`", async () => {
    const sim = newSim();
    cleanups.push(sim.interceptWithNock());
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    const prefix = `test-${randomUUID()}:etag:`;
    useEtagCache(new RedisEtagCache(redis, prefix, new MemoryEtagCache(1 << 20)));
    await client().rest.repos.get(repo);
    const [key] = await redis.keys(`${prefix}*`);
    await redis.set(key!, "null");
    useEtagCache(new RedisEtagCache(redis, prefix, new MemoryEtagCache(1 << 20))); // another instance
    const read = await client()
      .rest.repos.get(repo)
      .then((r) => r.data.full_name)
      .catch((error: Error) => `failed: ${error.message}`);
    expect(read).toBe("octo/plans");
  });

  it("reads a repository when the shared entry has the current ETag but another shape (no `data`)", async () => {
    const sim = newSim();
    cleanups.push(sim.interceptWithNock());
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    const prefix = `test-${randomUUID()}:etag:`;
    useEtagCache(new RedisEtagCache(redis, prefix, new MemoryEtagCache(1 << 20)));
    await client().rest.repos.get(repo);
    const [key] = await redis.keys(`${prefix}*`);
    const stored = JSON.parse((await redis.get(key!))!) as { etag: string };
    // e.g. a later version that stores the body under another name
    await redis.set(key!, JSON.stringify({ etag: stored.etag, body: "{}", headers: {} }));
    useEtagCache(new RedisEtagCache(redis, prefix, new MemoryEtagCache(1 << 20)));
    const read = await client()
      .rest.repos.get(repo)
      .then((r) => r.data?.full_name)
      .catch((error: Error) => `failed: ${error.message}`);
    expect(read).toBe("octo/plans");
  });
});

describe.skipIf(!redisUrl)("conditional requests: the shared entry's key", () => {
  it("names the app's version and the entry shape, so versions never read each other's entries", async () => {
    const sim = newSim();
    cleanups.push(sim.interceptWithNock());
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    const redisPrefix = `test-${randomUUID()}`;
    const cache = defaultEtagCache({ REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix });
    cleanups.push(() => cache?.close?.());
    useEtagCache(cache);
    await client().rest.repos.get(repo);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the store does not hold the read up
    const keys = await redis.keys(`${redisPrefix}:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${redisPrefix}:etag:${appVersion()}:v${ETAG_ENTRY_SHAPE}:[0-9a-f]{64}$`));
  });
});

/**
 * A Redis that answers the connection's handshake (INFO, CLIENT, SELECT) and then nothing: every
 * later command waits forever, as on a stalled server or a silently dropped connection.
 */
async function stalledRedis(): Promise<{ url: string; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        const parsed = parseCommand(buffer);
        if (!parsed) break;
        buffer = buffer.slice(parsed.length);
        const name = parsed.args[0]?.toLowerCase();
        if (name === "info") {
          const info = "# Server\r\nredis_version:7.0.0\r\nloading:0\r\n";
          socket.write(`$${info.length}\r\n${info}\r\n`);
        } else if (name === "client" || name === "select") socket.write("+OK\r\n");
        // anything else: no answer, ever
      }
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `redis://127.0.0.1:${port}`, server, sockets };
}

function parseCommand(text: string): { args: string[]; length: number } | null {
  if (!text.startsWith("*")) return null;
  let at = text.indexOf("\r\n");
  if (at < 0) return null;
  const count = Number(text.slice(1, at));
  at += 2;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    const end = text.indexOf("\r\n", at);
    if (end < 0) return null;
    const size = Number(text.slice(at + 1, end));
    if (text.length < end + 2 + size + 2) return null;
    args.push(text.slice(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return { args, length: at };
}

describe("conditional requests: a Redis that stops answering", () => {
  it("still reads from GitHub within seconds with the app's own Redis cache (defaultEtagCache)", async () => {
    const sim = newSim();
    cleanups.push(sim.interceptWithNock());
    const stalled = await stalledRedis();
    cleanups.push(() => {
      for (const socket of stalled.sockets) socket.destroy();
      stalled.server.close();
    });
    const cache = defaultEtagCache({ REDIS_URL: stalled.url, REDIS_PREFIX: `test-${randomUUID()}` });
    cleanups.push(() => cache?.close?.());
    // Let the connection become ready (the handshake is answered).
    await new Promise((resolve) => setTimeout(resolve, 300));
    useEtagCache(cache);
    const outcome = await Promise.race([
      client()
        .rest.repos.get(repo)
        .then((r) => `read ${r.data.full_name}`)
        .catch((error: Error) => `failed: ${error.message}`),
      new Promise<string>((resolve) => setTimeout(() => resolve("still waiting after 5 s"), 5_000)),
    ]);
    expect(outcome).toBe("read octo/plans");
  }, 15_000);

  it("reads and stores plans with the app's blob cache as misses, each within about a second", async () => {
    const stalled = await stalledRedis();
    cleanups.push(() => {
      for (const socket of stalled.sockets) socket.destroy();
      stalled.server.close();
    });
    const cache = defaultBlobCache({ REDIS_URL: stalled.url, REDIS_PREFIX: `test-${randomUUID()}` });
    cleanups.push(() => cache.close?.());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    // A value the in-memory layer does not hold: only Redis could answer, and it never does.
    const outcome = await Promise.race([
      cache.get("plan:abc:0123").then((value) => `miss: ${String(value)}`),
      new Promise<string>((resolve) => setTimeout(() => resolve("still waiting after 5 s"), 5_000)),
    ]);
    expect(outcome).toBe("miss: undefined");
    await cache.set("plan:abc:0123", "{}");
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 15_000);
});
