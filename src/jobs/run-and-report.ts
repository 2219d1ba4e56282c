import { RetryLaterError, type BackendOptions, type JobOutcome } from "./job-backend.js";
import { kindOf, repoOf, type Work } from "./work.js";

export interface RunResult {
  outcome: JobOutcome["outcome"];
  error?: unknown;
}

/**
 * Runs one job's handler and reports it (one log line, the metrics), the same on both backends:
 * a RetryLaterError is a pause, any other error a retry while attempts are left, else a failure.
 * The backend then acts on the outcome in its own way.
 */
export async function runAndReport(
  options: BackendOptions,
  key: string,
  works: Work[],
  attempt: number,
  signal: AbortSignal,
  resumed = false,
): Promise<RunResult> {
  const started = Date.now();
  let result: RunResult;
  try {
    // The backends' one backoff rule (memory-backend.ts; BullMQ's exponential backoff): told to the
    // handler so that its report can say when a failure is tried again.
    const retryInMs = options.backoffMs * 2 ** (attempt - 1);
    await options.handler(kindOf(key), works, signal, { attempt, attempts: options.attempts, retryInMs, resumed });
    // A handler can end normally after its lease was lost (its last steps were reads, which the
    // guard lets through): the run may have been cut short and another may hold the repository,
    // so it is not done. Decided here, before the report, so the log line and metrics say what
    // the backend then does.
    if (signal.aborted) throw signal.reason ?? new Error("The run's repository lease was lost");
    result = { outcome: "done" };
  } catch (error) {
    const outcome = error instanceof RetryLaterError ? "deferred" : attempt < options.attempts ? "retrying" : "failed";
    result = { outcome, error };
  }
  options.onOutcome({
    kind: kindOf(key),
    repo: repoOf(key),
    works: works.length,
    attempt,
    durationMs: Date.now() - started,
    ...result,
  });
  return result;
}
