import type { Logger } from "probot";
import { SyncStoppedError, type JobOutcome } from "../jobs/job-backend.js";

/**
 * One structured line per job run: repository, kind, duration, attempt and outcome. A sync that
 * stopped part-way also gives what it applied and what it left, as fields a log query can count.
 */
export function logJobOutcome(log: Logger, { error, ...fields }: JobOutcome): void {
  // At most 20 left operations by name (a first sync can leave thousands); `leftCount` counts them all.
  const stopped =
    error instanceof SyncStoppedError
      ? { applied: error.applied, left: error.left.slice(0, 20), leftCount: error.left.length }
      : {};
  const line = { ...fields, ...stopped, ...(error === undefined ? {} : { err: error }) };
  if (fields.outcome === "done") log.info(line, `Job ${fields.kind} done`);
  else if (fields.outcome === "deferred") log.warn(line, `Job ${fields.kind} paused; it resumes by itself`);
  else if (fields.outcome === "retrying") log.warn(line, `Job ${fields.kind} failed; retrying`);
  else log.error(line, `Job ${fields.kind} failed after ${fields.attempt} attempts; ${HEALS[fields.kind]}`);
}

/** What picks up a job given up, by kind: said in the log, so nobody wonders whether work is lost. */
const HEALS: Record<JobOutcome["kind"], string> = {
  sync: "the next push or the periodic reconcile resumes it",
  "write-back": "the next sync's drift sweep queues it again",
  preview: "the pull request's next push previews it again",
  redeliver: "the next scheduled redelivery looks again",
  reconcile: "the next scheduled reconcile runs it again",
};
