import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import {
  ETAG_ENTRY_SHAPE,
  MAX_ENTRY_BYTES,
  parseCachedResponse,
  type CachedResponse,
  type EtagCache,
  type MemoryEtagCache,
} from "./etag-cache.js";

/** How long an entry lives in Redis unread: a day covers a daily reconcile. */
export const ETAG_TTL_SECONDS = 24 * 3600;

/**
 * The ETag cache shared by every instance through Redis, behind the in-process one. Redis must
 * not evict (BullMQ needs `noeviction`), so the bound is the TTL (refreshed on each read) and a
 * per-entry size cap, as for the blob cache. Keys are hashed: a URL can be long, and the key then
 * has one fixed length. Redis being unreachable makes this a memory-only cache, never a failed
 * sync: every Redis error reads as a miss and every failed write is dropped. The connection must
 * have a command timeout (defaultEtagCache sets one): a stalled Redis then reads as a miss too,
 * and no GitHub read waits on it. An entry is checked for shape before use (another version's, or
 * a hand-edited one, is a miss), and the key names the entry shape (`ETAG_ENTRY_SHAPE`).
 */
export class RedisEtagCache implements EtagCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly memory: MemoryEtagCache,
    private readonly ttlSeconds = ETAG_TTL_SECONDS,
    private readonly maxEntryBytes = MAX_ENTRY_BYTES,
  ) {}

  async get(key: string): Promise<CachedResponse | undefined> {
    const near = this.memory.getSerialized(key);
    const text = near ?? (await this.redis.getex(this.redisKey(key), "EX", this.ttlSeconds).catch(() => null));
    if (text === null || text === undefined) return undefined;
    const entry = parseCachedResponse(text);
    // Only an entry of this shape is kept near: another would be read (and refused) again.
    if (near === undefined && entry !== undefined) this.memory.setSerialized(key, text);
    return entry;
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    const text = JSON.stringify(value);
    this.memory.setSerialized(key, text);
    if (Buffer.byteLength(text) > this.maxEntryBytes) return;
    await this.redis.set(this.redisKey(key), text, "EX", this.ttlSeconds).catch(() => undefined);
  }

  close(): void {
    this.redis.disconnect();
  }

  private redisKey(key: string): string {
    return `${this.prefix}v${ETAG_ENTRY_SHAPE}:${createHash("sha256").update(key).digest("hex")}`;
  }
}
