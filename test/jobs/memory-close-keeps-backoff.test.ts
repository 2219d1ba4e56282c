import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { JobHandler } from "../../src/jobs/job-backend.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { syncWork } from "./backends.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A sync failing on GitHub 5xx while the process stops (a deploy): its check run promised a
 * retry after the backoff. Stopping must not spend the remaining attempts at once; the journal
 * keeps the retry at its due time for the next start.
 */
describe("the in-process backend stopping while a sync fails", () => {
  it("keeps the retry's backoff across the restart instead of spending every attempt in the shutdown", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plansync-close-"));
    dirs.push(dir);
    const runs: { at: number; attempt: number | undefined }[] = [];
    const handler: JobHandler = async (_kind, _works, _signal, run) => {
      runs.push({ at: Date.now(), attempt: run?.attempt });
      if (runs.length === 1) throw new Error("GitHub answered 502");
    };
    const options = { handler, onOutcome: () => undefined, concurrency: 1, attempts: 3, backoffMs: 400, dataDir: dir };
    const first = new MemoryBackend(options);
    await first.enqueue(syncWork("one", "plan.md"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.close();
    expect(runs.map((r) => r.attempt)).toEqual([1]);
    const next = new MemoryBackend(options);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await next.idle();
    await next.close();
    expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(400);
  });
});
