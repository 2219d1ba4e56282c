import { parsePlan } from "../plan/index.js";
import { assignIds } from "../writeback/assign-ids.js";
import { collectFiles } from "./collect-files.js";
import type { CommandIo } from "./command-io.js";
import { readTextFile } from "./read-text-file.js";

/**
 * `plansync ids <file|dir>... [--prefix P] [--dry-run]`: numbers ID-less checkbox items in task
 * sections in place. IDs given in one file are taken for the next, so a directory gets no repeats.
 * Exit 1 when a file needs IDs and has no prefix to give them.
 */
export function idsCommand(paths: readonly string[], prefix: string | null, dryRun: boolean, io: CommandIo): number {
  const files = collectFiles(paths).map((path) => ({ path, source: readTextFile(path) }));
  const plans = files.map((f) => ({ ...f, plan: parsePlan(f.source) }));
  const taken = new Set(plans.flatMap((f) => f.plan.tasks.map((t) => t.id)));
  let failed = false;
  let total = 0;
  for (const { path, source, plan } of plans) {
    const result = assignIds(source, plan, prefix, taken);
    if (!result.ok) {
      io.err(`plansync: ${path} ${result.message}`);
      failed = true;
      continue;
    }
    for (const a of result.assigned) {
      taken.add(a.id);
      io.out(`${path}:${a.line}  ${dryRun ? "would add" : "added"} ${a.id}  ${a.text}`);
    }
    total += result.assigned.length;
    if (!dryRun && result.assigned.length > 0) io.writeFile(path, result.text);
  }
  io.out(`${dryRun ? "Would number" : "Numbered"} ${total} task${total === 1 ? "" : "s"}.`);
  return failed ? 1 : 0;
}
