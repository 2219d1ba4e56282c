import type { Octokit } from "../github/octokit.js";

/** Thrown for a write attempted after the job's repository lease was lost. */
export class LeaseLostError extends Error {
  constructor(method: string, url: string) {
    super(
      `Refused ${method} ${url}: this job lost its repository lease (Redis unreachable or the job ran past ` +
        `its lease), so another instance may hold the repository now. The job is retried from GitHub's state.`,
    );
    this.name = "LeaseLostError";
  }
}

/**
 * Makes a job's client refuse every write once `signal` aborts, so a job that lost its lease
 * cannot race the instance that took it over. Reads stay allowed: they change nothing.
 */
export function guardLease(octokit: Octokit, signal: AbortSignal): Octokit {
  octokit.hook.before("request", (options) => {
    if (signal.aborted && options.method !== "GET" && options.method !== "HEAD")
      throw new LeaseLostError(options.method, String(options.url));
  });
  return octokit;
}
