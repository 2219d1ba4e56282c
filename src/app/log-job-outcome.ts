import type { Logger } from "probot";
import type { JobOutcome } from "../jobs/job-backend.js";

/** One structured line per job run: repository, kind, duration, attempt and outcome. */
export function logJobOutcome(log: Logger, { error, ...fields }: JobOutcome): void {
  const line = { ...fields, ...(error === undefined ? {} : { err: error }) };
  if (fields.outcome === "done") log.info(line, `Job ${fields.kind} done`);
  else if (fields.outcome === "deferred") log.warn(line, `Job ${fields.kind} paused; it resumes by itself`);
  else if (fields.outcome === "retrying") log.warn(line, `Job ${fields.kind} failed; retrying`);
  else log.error(line, `Job ${fields.kind} failed after ${fields.attempt} attempts`);
}
