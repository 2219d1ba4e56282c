import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { BackendOptions, JobBackend, JobHandler, JobOutcome } from "../../src/jobs/job-backend.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { RedisBackend } from "../../src/jobs/redis-backend.js";
import type { JobKind, SyncWork, Work, WriteBackWork } from "../../src/jobs/work.js";

export type BackendName = "memory" | "redis";

export interface TestBackend {
  backend: JobBackend;
  outcomes: JobOutcome[];
  idle: () => Promise<void>;
}

/** One test's world: backends ("instances") sharing one namespace, closed after the test. */
export function backendWorld(name: BackendName, redisUrl: string) {
  const prefix = `test-${randomUUID()}`;
  const opened: JobBackend[] = [];
  const dirs: string[] = [];
  function open(handler: JobHandler, overrides: Partial<BackendOptions & { leaseMs: number }> = {}): TestBackend {
    const outcomes: JobOutcome[] = [];
    const options = {
      handler,
      onOutcome: (outcome: JobOutcome) => outcomes.push(outcome),
      concurrency: 4,
      attempts: 3,
      backoffMs: 50,
      leaseMs: 1_000,
      ...overrides,
    };
    // Memory journals its queue, as the app's does (each backend its own directory: one owner each).
    const dataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), "plansync-contract-"));
      dirs.push(dir);
      return dir;
    };
    const backend =
      name === "memory"
        ? new MemoryBackend({ ...options, dataDir: dataDir() })
        : new RedisBackend({ ...options, url: redisUrl, prefix });
    opened.push(backend);
    const idle = () => (backend as MemoryBackend | RedisBackend).idle();
    return { backend, outcomes, idle };
  }
  async function close(): Promise<void> {
    for (const backend of opened.splice(0)) await backend.close().catch(() => undefined);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
  /** Raw access to the shared Redis, for a test that plays a crashed instance or a lost lease. */
  const redis = () => new Redis(redisUrl);
  return { open, close, prefix, redis };
}

export function syncWork(repo: string, path: string): SyncWork {
  return {
    kind: "sync",
    installationId: 1,
    owner: "octo",
    repo,
    branch: "main",
    commits: [{ modified: [path] }],
  };
}

export function writeBackWork(repo: string, issue: number): WriteBackWork {
  return { kind: "write-back", installationId: 1, owner: "octo", repo, issues: [issue] };
}

export interface Run {
  kind: JobKind;
  works: Work[];
  start: number;
  end: number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A handler that records every run and takes `ms` (or what `body` says) for each. */
export function recordingHandler(ms = 0, body?: (kind: JobKind, works: Work[], signal: AbortSignal) => Promise<void>) {
  const runs: Run[] = [];
  const handler: JobHandler = async (kind, works, signal) => {
    const run = { kind, works, start: Date.now(), end: 0 };
    runs.push(run);
    try {
      if (body) await body(kind, works, signal);
      else await sleep(ms);
    } finally {
      run.end = Date.now();
    }
  };
  return { runs, handler };
}

/** True when two runs of the same repository overlapped in time. */
export function overlapping(runs: readonly Run[]): boolean {
  const byRepo = new Map<string, Run[]>();
  for (const run of runs) {
    const repo = (run.works[0] as SyncWork | WriteBackWork).repo;
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), run]);
  }
  for (const list of byRepo.values()) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start < sorted[i - 1]!.end) return true;
  }
  return false;
}
