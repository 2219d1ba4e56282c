import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * Parsed plans (and feature specs' texts) by git blob sha. A full scan lists the tree, which
 * names every file's blob: an unchanged file then costs neither a read nor a parse. A blob's
 * content never changes, so an entry is never stale; the key also names the parse options and
 * plansync's version, since either can change what a blob parses to.
 */
export interface BlobCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  readonly stats: { hits: number; misses: number };
}

/**
 * The shape of a cached parse. Bump it whenever the parser's output gains or changes a field, so
 * that a deploy never reads plans parsed by older code (which lack the field) from Redis.
 */
const PLAN_SHAPE = 4;

/** The key of a value derived from a blob: `kind` names what (a plan, a text), `variant` how it was made. */
export function blobKey(kind: string, blobSha: string, variant: unknown = null): string {
  const made = createHash("sha1")
    .update(JSON.stringify([PLAN_SHAPE, variant]))
    .digest("hex")
    .slice(0, 12);
  return `${kind}:${made}:${blobSha}`;
}

/** In-process, least recently used first out once over `maxBytes` (UTF-16 length × 2). */
export class MemoryBlobCache implements BlobCache {
  readonly stats = { hits: 0, misses: 0 };
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  async get(key: string): Promise<string | undefined> {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  async set(key: string, value: string): Promise<void> {
    if (value.length * 2 > this.maxBytes) return;
    this.drop(key);
    this.entries.set(key, value);
    this.bytes += value.length * 2;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.bytes -= value.length * 2;
    this.entries.delete(key);
  }
}

/**
 * Shared by every instance through Redis, behind the in-process one. Entries expire after
 * `ttlSeconds` unused, so the space is bounded by what the installations touch in that time;
 * entries over `maxEntryBytes` are kept in memory only. Redis must not evict (BullMQ needs
 * `noeviction`), so the bound is the TTL, not an eviction policy.
 */
export class RedisBlobCache implements BlobCache {
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly memory: MemoryBlobCache,
    private readonly ttlSeconds: number,
    private readonly maxEntryBytes: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const near = await this.memory.get(key);
    const value =
      near ?? (await this.redis.getex(this.prefix + key, "EX", this.ttlSeconds).catch(() => null)) ?? undefined;
    if (value === undefined) this.stats.misses++;
    else this.stats.hits++;
    if (near === undefined && value !== undefined) await this.memory.set(key, value);
    return value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.memory.set(key, value);
    if (Buffer.byteLength(value) > this.maxEntryBytes) return;
    // The cache only saves requests: Redis being unreachable must not fail the sync.
    await this.redis.set(this.prefix + key, value, "EX", this.ttlSeconds).catch(() => undefined);
  }
}
