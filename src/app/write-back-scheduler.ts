import type { RepoQueue } from "./repo-queue.js";

/**
 * Collects closed or reopened issues per repository for a short window, then runs one write-back
 * for all of them through the repository's queue: a pull request that closes five issues makes
 * one commit, not five.
 */
export class WriteBackScheduler {
  private readonly waiting = new Map<string, { numbers: Set<number>; timer: NodeJS.Timeout }>();

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
    const timer = setTimeout(() => {
      const numbers = [...(this.waiting.get(key)?.numbers ?? [])];
      this.waiting.delete(key);
      void this.queue.enqueue(key, () => run(numbers));
    }, this.delayMs);
    this.waiting.set(key, { numbers: new Set([number]), timer });
  }

  /** Resolves once no window is open and the queue is idle: for tests and graceful shutdown. */
  async idle(): Promise<void> {
    while (this.waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, Math.max(5, this.delayMs / 4)));
    await this.queue.idle();
  }
}
