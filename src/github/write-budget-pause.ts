/**
 * Thrown instead of sending a content-creating write when the installation's write budget
 * (write-budget.ts) is spent for longer than is worth waiting in place. Nothing was sent, so it
 * is certain, not uncertain; write-policy.ts reads it as a rate limit, so the sync stops part-way
 * and its job resumes after `waitMs`, when a useful stretch of writes fits again.
 */
export class WriteBudgetPause extends Error {
  override readonly name = "WriteBudgetPause";

  constructor(
    readonly waitMs: number,
    what: string,
  ) {
    super(
      `plansync's write budget for this installation is spent (GitHub allows 500 content-creating requests an hour): ` +
        `${what} was not sent; a stretch of writes fits again in ${Math.ceil(waitMs / 60_000)} min`,
    );
  }
}

/** The wait a budget pause asks for; null for any other error. */
export function budgetPauseMs(error: unknown): number | null {
  return error instanceof WriteBudgetPause ? error.waitMs : null;
}
