import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { useEtagCache } from "../../src/github/conditional-requests.js";
import { RedisEtagCache } from "../../src/github/etag-cache-redis.js";
import { MemoryEtagCache, etagCacheBytes, type CachedResponse } from "../../src/github/etag-cache.js";
import { tokenOctokit } from "../../src/github/token-octokit.js";
import { newSim } from "../sim/sim-test-helpers.js";

const redisUrl = inject("redisUrl");
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const entry = (data: unknown, etag = '"e"'): CachedResponse => ({ etag, data, headers: { etag } });

describe("the in-memory ETag cache", () => {
  it("holds no more bytes than its bound, whatever is put in it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4_000 }),
        fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", "f"), fc.string({ maxLength: 600 }))),
        async (bound, puts) => {
          const cache = new MemoryEtagCache(bound, 1_000);
          for (const [key, text] of puts) {
            await cache.set(key, entry(text));
            expect(cache.size).toBeLessThanOrEqual(bound);
          }
        },
      ),
    );
  });

  it("drops the least recently used first, and keeps an answer over the entry cap not at all", async () => {
    const probe = new MemoryEtagCache(1 << 20);
    await probe.set("a", entry("x".repeat(100)));
    const one = probe.size; // what one entry costs as held (deflated)
    const cache = new MemoryEtagCache(one * 2 + 10, 1_000);
    await cache.set("a", entry("x".repeat(100)));
    await cache.set("b", entry("y".repeat(100)));
    expect((await cache.get("a"))?.data).toBe("x".repeat(100)); // a is now the most recent
    await cache.set("c", entry("z".repeat(100)));
    expect(await cache.get("b")).toBeUndefined();
    expect((await cache.get("a"))?.data).toBe("x".repeat(100));
    expect((await cache.get("c"))?.data).toBe("z".repeat(100));
    await cache.set("big", entry("h".repeat(2_000)));
    expect(await cache.get("big")).toBeUndefined();
    expect(cache.size).toBe(one * 2);
  });

  it("holds a rescan's listing: 74 pages of 100 issue-sized objects fit the default bound, deflated", async () => {
    const cache = new MemoryEtagCache(etagCacheBytes({}));
    const issue = (n: number) => ({
      id: 1_000_000 + n,
      number: n,
      title: `T${String(n).padStart(3, "0")} Implement part ${n} of the feature`,
      body: `<!-- plansync {"id":"T${n}","file":"specs/001-x/tasks.md"} -->\n${"Some description text. ".repeat(20)}`,
      labels: [{ id: 1, name: "plansync", color: "ededed" }],
      user: { login: "plansync[bot]", id: 1, type: "Bot" },
      state: "open",
      // GitHub's issue JSON carries some twenty URLs: about 2.5 KB an issue, 18 MB for the 74 pages.
      ...Object.fromEntries(
        ["url", "repository_url", "labels_url", "comments_url", "events_url", "html_url", "timeline_url"]
          .concat(["sub_issues_url", "parent_issue_url", "reactions_url", "assignees_url", "milestone_url"])
          .concat(["user_url", "user_html_url", "user_followers_url", "user_repos_url", "user_events_url"])
          .map((k) => [k, `https://api.github.com/repos/example-organisation/example-repository/issues/${n}/${k}`]),
      ),
    });
    for (let page = 1; page <= 74; page++)
      await cache.set(`page=${page}`, {
        ...entry(""),
        data: Array.from({ length: 100 }, (_, i) => issue(page * 100 + i)),
      });
    for (let page = 1; page <= 74; page++) expect(await cache.get(`page=${page}`)).toBeDefined();
    expect(cache.size).toBeLessThan(etagCacheBytes({}) / 4);
  });

  it("is bounded by PLANSYNC_ETAG_CACHE_MB, 32 MB by default, 0 for none", () => {
    expect(etagCacheBytes({})).toBe(32 * 1024 * 1024);
    expect(etagCacheBytes({ PLANSYNC_ETAG_CACHE_MB: "8" })).toBe(8 * 1024 * 1024);
    expect(etagCacheBytes({ PLANSYNC_ETAG_CACHE_MB: "0" })).toBe(0);
    expect(() => etagCacheBytes({ PLANSYNC_ETAG_CACHE_MB: "lots" })).toThrow(/PLANSYNC_ETAG_CACHE_MB must be a number/);
  });
});

describe.skipIf(!redisUrl)("the Redis ETag cache", () => {
  const opened: Redis[] = [];
  afterEach(() => {
    for (const redis of opened.splice(0)) redis.disconnect();
  });
  const connect = () => {
    const redis = new Redis(redisUrl);
    opened.push(redis);
    return redis;
  };

  it("shares answers between two clients (two instances): the second re-read is a 304", async () => {
    const sim = newSim();
    const stop = sim.interceptWithNock();
    try {
      const prefix = `test-${randomUUID()}:etag:`;
      const instance = () => new RedisEtagCache(connect(), prefix, new MemoryEtagCache(1 << 20));
      const client = () => tokenOctokit({ token: "ghs_test", userAgent: "plansync-test", log: quiet });
      useEtagCache(instance());
      const first = await client().rest.repos.get({ owner: "octo", repo: "plans" });
      useEtagCache(instance()); // another process: its memory is empty, Redis is not
      const second = await client().rest.repos.get({ owner: "octo", repo: "plans" });
      expect(second.data).toEqual(first.data);
      expect(sim.requests.map((r) => r.status)).toEqual([200, 304]);
      const keys = await connect().keys(`${prefix}*`);
      expect(keys).toHaveLength(1);
      const ttl = await connect().ttl(keys[0]!);
      expect(ttl).toBeGreaterThan(23 * 3600);
      expect(ttl).toBeLessThanOrEqual(24 * 3600);
    } finally {
      stop();
      expect(sim.violations).toEqual([]);
    }
  });

  it("keeps an answer over the entry cap in memory only", async () => {
    const prefix = `test-${randomUUID()}:etag:`;
    const one = new RedisEtagCache(connect(), prefix, new MemoryEtagCache(1 << 20), 60, 1_000);
    const two = new RedisEtagCache(connect(), prefix, new MemoryEtagCache(1 << 20), 60, 1_000);
    await one.set("small", entry("s"));
    await one.set("large", entry("l".repeat(2_000)));
    expect((await two.get("small"))?.data).toBe("s");
    expect(await two.get("large")).toBeUndefined();
    expect((await one.get("large"))?.data).toBe("l".repeat(2_000));
  });

  it("reads as a miss, never a failure, while Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    down.on("error", () => undefined);
    opened.push(down);
    const cache = new RedisEtagCache(down, "test:etag:", new MemoryEtagCache(1 << 20));
    await expect(cache.set("k", entry("v"))).resolves.toBeUndefined();
    expect((await cache.get("k"))?.data).toBe("v"); // from memory
    const cold = new RedisEtagCache(down, "test:etag:", new MemoryEtagCache(1 << 20));
    await expect(cold.get("k")).resolves.toBeUndefined();
  });
});
