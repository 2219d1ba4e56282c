import type { Octokit } from "../github/octokit.js";
import { leaseDeadline } from "./repo-lease.js";

/**
 * Thrown for a write attempted after the job's repository lease was lost. Named "AbortError" so
 * Octokit's request layer passes it on unchanged (it wraps any other fetch error in a 500
 * RequestError) and the retry plugin, which only repeats RequestErrors, does not send it again.
 */
export class LeaseLostError extends Error {
  constructor(method: string, url: string) {
    super(
      `Refused ${method} ${url}: this job lost its repository lease (Redis unreachable or the job ran past ` +
        `its lease), so another instance may hold the repository now. The job is retried from GitHub's state.`,
    );
    this.name = "AbortError";
  }
}

type Fetch = typeof globalThis.fetch;
const guarded = new WeakSet<Fetch>();

const isRead = (method: string) => method === "GET" || method === "HEAD";

/**
 * Makes a job's client refuse every write once `signal` aborts, so a job that lost its lease
 * cannot race the instance that took it over.
 *
 * The check wraps `fetch` itself, below Octokit's retry and throttling layers: a write the retry
 * plugin repeats, or one the throttler held back, is checked again at the moment it would leave,
 * not when it was first asked for. A write's fetch also gets the signal, so one still waiting for
 * its answer is abandoned. Reads stay allowed after the loss: they change nothing, and the run
 * stops at its next write. The lease's deadline is checked against the clock as well as the
 * signal: after the event loop stalled past the deadline, its timer has not fired yet when the
 * stalled run's next write leaves.
 */
export function guardLease(octokit: Octokit, signal: AbortSignal): Octokit {
  octokit.hook.before("request", (options) => {
    const request = (options.request ??= {}) as { fetch?: Fetch };
    const inner = request.fetch ?? globalThis.fetch;
    if (guarded.has(inner)) return;
    const fetch: Fetch = (input, init) => {
      const method = (init?.method ?? "GET").toUpperCase();
      if (isRead(method)) return inner(input, init);
      if (leaseEnded(signal)) return Promise.reject(new LeaseLostError(method, urlOf(input)));
      const signals = init?.signal ? [init.signal, signal] : [signal];
      return inner(input, { ...init, signal: AbortSignal.any(signals) });
    };
    guarded.add(fetch);
    request.fetch = fetch;
  });
  return octokit;
}

/** The lease is lost, or its deadline passed on the monotonic clock (a signal that is no lease's has none). */
function leaseEnded(signal: AbortSignal): boolean {
  return signal.aborted || performance.now() >= (leaseDeadline(signal) ?? Infinity);
}

function urlOf(input: Parameters<Fetch>[0]): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}
