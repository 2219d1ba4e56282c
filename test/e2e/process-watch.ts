import { readFileSync } from "node:fs";
import { HOST, sleep } from "./app-process.js";

export interface WatchFigures {
  /** The slowest /healthz answer, in ms (an unanswered poll counts as its timeout). */
  maxHealthMs: number;
  /** Polls not answered 200 within the timeout. */
  unanswered: number;
  polls: number;
  /** The largest resident set seen, in MB: the main thread and every worker thread share it. */
  peakRssMb: number;
}

const POLL_MS = 250;
const HEALTH_TIMEOUT_MS = 2_000;

/**
 * Watches an app process from outside while something runs: polls its /healthz every 250 ms
 * with a 2 s timeout (a blocked event loop shows as a slow or missing answer) and samples its
 * resident memory from /proc.
 */
export class ProcessWatch {
  private running = false;
  private loop?: Promise<void>;
  private figures: WatchFigures = { maxHealthMs: 0, unanswered: 0, polls: 0, peakRssMb: 0 };

  constructor(
    private readonly pid: number,
    private readonly port: number,
  ) {}

  start(): void {
    this.running = true;
    this.figures = { maxHealthMs: 0, unanswered: 0, polls: 0, peakRssMb: 0 };
    this.loop = this.poll();
  }

  async stop(): Promise<WatchFigures> {
    this.running = false;
    await this.loop;
    return { ...this.figures };
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      const ok = await this.healthy();
      const ms = Date.now() - started;
      this.figures.polls++;
      if (!ok) this.figures.unanswered++;
      this.figures.maxHealthMs = Math.max(this.figures.maxHealthMs, ms);
      this.figures.peakRssMb = Math.max(this.figures.peakRssMb, statusKb(this.pid, "VmRSS") / 1024);
      await sleep(Math.max(0, POLL_MS - ms));
    }
  }

  private async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`http://${HOST}:${this.port}/healthz`, {
        signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }
}

/** A field of /proc/<pid>/status in kB (VmRSS now, VmHWM the peak so far); 0 once the process is gone. */
export function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
