import type { RepoQueue } from "./repo-queue.js";

interface Window {
  numbers: Set<number>;
  timer: NodeJS.Timeout;
  run: (numbers: number[]) => Promise<void>;
}

/**
 * Collects closed or reopened issues per repository for a short window, then runs one write-back
 * for all of them through the repository's queue: a pull request that closes five issues makes
 * one commit, not five.
 */
export class WriteBackScheduler {
  private readonly waiting = new Map<string, Window>();

  constructor(
    private readonly queue: RepoQueue,
    private readonly delayMs: number,
  ) {}

  schedule(key: string, number: number, run: (numbers: number[]) => Promise<void>): void {
    const entry = this.waiting.get(key);
    if (entry) {
      entry.numbers.add(number);
      return;
    }
    const timer = setTimeout(() => this.close(key), this.delayMs);
    this.waiting.set(key, { numbers: new Set([number]), timer, run });
  }

  /** Closes every open window now, queueing its write-back: for graceful shutdown. */
  flush(): void {
    for (const [key, entry] of this.waiting) {
      clearTimeout(entry.timer);
      this.close(key);
    }
  }

  /**
   * Drops every open window without running it: what a crash does to a process's timers. For
   * tests of the drift sweep, which must heal what is lost this way.
   */
  abandon(): void {
    for (const entry of this.waiting.values()) clearTimeout(entry.timer);
    this.waiting.clear();
  }

  /** Resolves once no window is open and the queue is idle, whichever job opened the last window. */
  async idle(): Promise<void> {
    do {
      while (this.waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, Math.max(5, this.delayMs / 4)));
      await this.queue.idle();
    } while (this.waiting.size > 0);
  }

  private close(key: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    this.waiting.delete(key);
    void this.queue.enqueue(key, () => entry.run([...entry.numbers]));
  }
}
