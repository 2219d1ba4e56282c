import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { syncWork } from "./backends.js";

/**
 * A process that journals work and then hangs in its first job, to be killed with SIGKILL by
 * journal-crash.test.ts: `node --import tsx journal-child.ts <dataDir> <count>`.
 */
const [dir, count] = process.argv.slice(2) as [string, string];
const backend = new MemoryBackend({
  dataDir: dir,
  handler: () => new Promise<void>(() => undefined),
  onOutcome: () => undefined,
  concurrency: 1,
  attempts: 3,
  backoffMs: 50,
});
for (let i = 0; i < Number(count); i++) await backend.enqueue(syncWork(`repo${i % 2}`, `plan${i}.md`));
process.stdout.write("enqueued\n");
setInterval(() => undefined, 1_000);
