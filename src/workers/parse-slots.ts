/**
 * A counting gate in front of the worker threads: a parse is handed to the pool only when a
 * thread is free for it, so its time budget counts parsing, never time spent waiting behind
 * another tenant's file. At most `maxWaiting` wait; more is refused, not buffered without bound.
 */
export class ParseSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(
    size: number,
    private readonly maxWaiting: number,
  ) {
    this.free = size;
  }

  /** Resolves with a release function once a slot is free; rejects when too many already wait. */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else if (this.waiting.length >= this.maxWaiting)
      throw new Error(`The parse queue is full (${this.maxWaiting} files waiting); the job is retried later`);
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }

  get queued(): number {
    return this.waiting.length;
  }
}
