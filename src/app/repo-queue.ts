/**
 * Runs jobs one at a time per repository, so two quick pushes can never race each other into
 * duplicate issues. Different repositories run side by side. Jobs outlive the webhook request:
 * GitHub wants an answer within 10 seconds, a large sync takes minutes.
 */
export class RepoQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (key: string, error: unknown) => void) {}

  enqueue(key: string, job: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(job).catch((error: unknown) => this.onError(key, error));
    this.tails.set(key, next);
    void next.finally(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves when every queued job has finished: for tests and graceful shutdown. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
