import { deflateRawSync, inflateRawSync } from "node:zlib";
import { z } from "zod";

/**
 * GitHub's answers to GET requests, kept with the ETag GitHub sent along, so the next read of the
 * same URL can ask "changed since?" (`If-None-Match`) and be answered by a free 304.
 *
 * Correctness never rests on an entry being fresh: GitHub compares the ETag on every request and
 * answers 200 with the new body when anything changed. The one invariant the cache keeps is that
 * the body stored under an ETag is exactly the body GitHub sent with that ETag (entry and ETag are
 * written as one value, never apart).
 */
export interface CachedResponse {
  etag: string;
  /** The parsed body: JSON, or a string for raw media types (`application/vnd.github.raw`). */
  data: unknown;
  /** The response's headers, `link` among them, so `octokit.paginate` walks on from a 304. */
  headers: Record<string, string>;
}

/**
 * The shape of a stored entry. Bump it whenever `CachedResponse` changes, so that a deploy never
 * reads entries written by code that stored another shape (the shared Redis key holds it).
 */
export const ETAG_ENTRY_SHAPE = 1;

const cachedResponseSchema = z.object({
  etag: z.string().min(1),
  // JSON has no `undefined`: a present body is anything but a missing key.
  data: z.unknown().refine((data) => data !== undefined, "the stored body is missing"),
  headers: z.record(z.string(), z.string()),
});

/**
 * An entry as stored (JSON text), or undefined when it is not one this version wrote: unparsable,
 * `null`, or another shape (another version's entry during a rolling deploy, a hand-edited key).
 * Anything else reads as a miss: GitHub is asked again and the entry is replaced.
 */
export function parseCachedResponse(text: string): CachedResponse | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = cachedResponseSchema.safeParse(value);
  return parsed.success ? (parsed.data as CachedResponse) : undefined;
}

export interface EtagCache {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
  /** Closes what the cache holds open (a Redis connection); nothing for the in-memory one. */
  close?(): void;
}

/** An answer larger than this is never kept: a page of 100 issues is well below it. */
export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** The default bound of the in-memory cache when `PLANSYNC_ETAG_CACHE_MB` is not set. */
const DEFAULT_MB = 32;

/** `PLANSYNC_ETAG_CACHE_MB` in bytes; 0 turns conditional requests off. */
export function etagCacheBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PLANSYNC_ETAG_CACHE_MB;
  if (raw === undefined || raw.trim() === "") return DEFAULT_MB * 1024 * 1024;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb < 0)
    throw new Error(`PLANSYNC_ETAG_CACHE_MB must be a number of megabytes (0 or more), not "${raw}"`);
  return Math.floor(mb * 1024 * 1024);
}

/** What a deflated entry costs in memory: its key as UTF-16 (2 bytes a unit) and its bytes. */
function packedBytes(key: string, packed: Buffer): number {
  return key.length * 2 + packed.length;
}

/** What an entry costs in memory: key and serialised value as UTF-16 (2 bytes a unit). */
export function entryBytes(key: string, serialized: string): number {
  return (key.length + serialized.length) * 2;
}

/**
 * In-process, least recently used first out once over `maxBytes`. Entries are kept serialised and
 * deflated: the bound counts what is really held, every hit hands out a fresh copy (a caller that
 * mutates what it read can never change what the next caller gets), and a rescan's listing fits.
 * A rescan walks every page in order, the access pattern least recently used handles worst: once
 * the pages outgrow the bound, every page is evicted just before it is asked for again. Issue JSON
 * deflates about tenfold, so the 74 pages of a 7,370-issue repository (some 30 MB of JSON) take
 * about 3 MB of the default 32.
 */
export class MemoryEtagCache implements EtagCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxEntryBytes = MAX_ENTRY_BYTES,
  ) {}

  /** Bytes held now; never more than the bound. */
  get size(): number {
    return this.bytes;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const text = this.getSerialized(key);
    return text === undefined ? undefined : parseCachedResponse(text);
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    this.setSerialized(key, JSON.stringify(value));
  }

  /** The entry as stored (for a cache in front of another that stores the same text). */
  getSerialized(key: string): string | undefined {
    const packed = this.entries.get(key);
    if (packed === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, packed);
    return inflateRawSync(packed).toString("utf8");
  }

  setSerialized(key: string, text: string): void {
    this.drop(key);
    if (text.length > this.maxEntryBytes) return;
    // Level 1: a page of 100 issues deflates in a few milliseconds and still shrinks about tenfold.
    const packed = deflateRawSync(text, { level: 1 });
    const cost = packedBytes(key, packed);
    if (cost > this.maxBytes) return;
    this.entries.set(key, packed);
    this.bytes += cost;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const packed = this.entries.get(key);
    if (packed === undefined) return;
    this.bytes -= packedBytes(key, packed);
    this.entries.delete(key);
  }
}
