import { json, type SimResponse } from "./responses.js";

export interface FaultSpec {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** Only requests whose path contains this text, raw or decoded (any when omitted). */
  pathIncludes?: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** How many matching requests pass untouched before the failures start; default 0 (mid-sync faults). */
  after?: number;
  /**
   * The request is carried out and only the answer is the fault: GitHub's 502 on a create that
   * went through. Retrying such a request blindly makes a second copy.
   */
  applied?: boolean;
}

export interface TakenFault {
  response: SimResponse;
  applied: boolean;
}

/** Queued failures answered instead of the simulated behaviour, for retry/throttling tests. */
export class FaultQueue {
  private readonly pending: (FaultSpec & { remaining: number; skip: number })[] = [];

  add(fault: FaultSpec): void {
    this.pending.push({ ...fault, remaining: fault.times ?? 1, skip: fault.after ?? 0 });
  }

  /** The response of the first fault matching this request, consuming one use of it. */
  take(method: string, rawPath: string, decodedPath: string): TakenFault | undefined {
    const index = this.pending.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (fault.pathIncludes === undefined ||
          rawPath.includes(fault.pathIncludes) ||
          decodedPath.includes(fault.pathIncludes)),
    );
    const fault = this.pending[index];
    if (!fault) return undefined;
    if (fault.skip > 0) {
      fault.skip--;
      return undefined;
    }
    if (--fault.remaining <= 0) this.pending.splice(index, 1);
    const response = json(
      fault.status,
      fault.body ?? { message: `GitHubSim injected failure (${fault.status})` },
      fault.headers,
    );
    return { response, applied: fault.applied ?? false };
  }

  clear(): void {
    this.pending.length = 0;
  }
}
