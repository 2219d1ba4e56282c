import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, inject, it } from "vitest";
import { blobKey, MemoryBlobCache, RedisBlobCache } from "../../src/github/blob-cache.js";

const redisUrl = inject("redisUrl");

describe("the in-process blob cache", () => {
  it("stays under its size, dropping the least recently used first", async () => {
    const cache = new MemoryBlobCache(100); // 50 UTF-16 code units
    await cache.set("a", "x".repeat(20));
    await cache.set("b", "y".repeat(20));
    expect(await cache.get("a")).toBe("x".repeat(20)); // a is now the most recent
    await cache.set("c", "z".repeat(20));
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBeDefined();
    expect(await cache.get("c")).toBeDefined();
    await cache.set("huge", "h".repeat(60));
    expect(await cache.get("huge")).toBeUndefined();
    expect(cache.stats).toEqual({ hits: 3, misses: 2 });
  });

  it("keys a blob's plan by how it was parsed", () => {
    expect(blobKey("plan", "abc", { idPrefixes: [] })).not.toBe(blobKey("plan", "abc", { idPrefixes: ["BE"] }));
    expect(blobKey("plan", "abc", { idPrefixes: [] })).toBe(blobKey("plan", "abc", { idPrefixes: [] }));
  });
});

describe.skipIf(!redisUrl)("the Redis blob cache", () => {
  it("shares entries between instances, with a TTL, and keeps oversized ones in memory only", async () => {
    const redis = new Redis(redisUrl);
    const prefix = `test-${randomUUID()}:blob:`;
    const one = new RedisBlobCache(redis, prefix, new MemoryBlobCache(1 << 20), 60, 1_000);
    const two = new RedisBlobCache(redis, prefix, new MemoryBlobCache(1 << 20), 60, 1_000);
    await one.set("plan:x:1", '{"tasks":[]}');
    await one.set("plan:x:2", "b".repeat(2_000));
    expect(await two.get("plan:x:1")).toBe('{"tasks":[]}');
    expect(await two.get("plan:x:2")).toBeUndefined();
    expect(await one.get("plan:x:2")).toBe("b".repeat(2_000));
    const ttl = await redis.ttl(`${prefix}plan:x:1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    redis.disconnect();
  });
});
