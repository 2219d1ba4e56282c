import type { Operation } from "../sync/sync-types.js";
import { requestsOf } from "../sync/operation-requests.js";
import { progressWithTimeLeft, type SyncEta } from "../sync/sync-eta.js";
import type { Reporter } from "./reporter.js";

/**
 * A sync longer than an hour says how far it has come at most once per this much wall time: a
 * sync shorter than that (every test, the bench's) writes no extra check-run update.
 */
export const PROGRESS_EVERY_MS = 5 * 60_000;

/**
 * Tells the reporter how far a long sync has come as its writes land, spaced by wall time. The
 * updates are sent one after another; `settled` waits for the last, so that the final report is
 * never overtaken by a progress update.
 */
export function progressReports(
  reporter: Reporter,
  sha: string,
  estimate: SyncEta,
  { now = Date.now, log }: { now?: () => number; log: { warn(obj: object, msg: string): void } },
) {
  let last = now();
  let done = estimate.done;
  let written = 0;
  let queue: Promise<void> = Promise.resolve();
  return {
    applied(op: Operation) {
      written += requestsOf(op).requests;
      if (op.kind === "create-issue") done++;
      if (estimate.eta === null || !reporter.progressed || now() - last < PROGRESS_EVERY_MS) return;
      last = now();
      const line = progressWithTimeLeft(done, estimate.total, estimate.writes - written);
      queue = queue.then(() =>
        reporter.progressed!(sha, line).catch((error: unknown) => log.warn({ err: error }, "A progress update failed")),
      );
    },
    settled: () => queue,
  };
}
