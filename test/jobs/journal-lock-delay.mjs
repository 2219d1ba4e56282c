// Fault injection for journal-lock.test.ts: this process is descheduled (a GC pause, a slow
// disk, a busy host) for JOURNAL_LOCK_DELAY_MS right after it first read queue.lock.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const delay = Number(process.env.JOURNAL_LOCK_DELAY_MS ?? 0);
const original = fs.readFileSync;
let once = false;
fs.readFileSync = function (path, ...rest) {
  const result = original.call(this, path, ...rest);
  if (!once && delay > 0 && String(path).endsWith("queue.lock")) {
    once = true;
    process.stderr.write("read-lock\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delay);
  }
  return result;
};
syncBuiltinESMExports();
