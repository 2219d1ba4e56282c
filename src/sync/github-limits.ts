/**
 * The one place that knows GitHub's size limits on what plansync writes, and how a value that
 * is too long is cut: visibly, with "…(truncated)" and, where there is one, a link to the rest.
 * Lengths are counted in UTF-16 code units, never fewer than GitHub's characters, so a value
 * cut here is never refused there.
 */
export const GITHUB_LIMITS = {
  issueTitle: 256,
  issueBody: 65_536,
  comment: 65_536,
  checkRunText: 65_535,
  annotationTitle: 255,
  annotationMessage: 64 * 1024,
  labelName: 50,
  /** Labels on one issue: GitHub refuses a create or an update that would leave more. */
  issueLabels: 100,
} as const;

export const TRUNCATED = "…(truncated)";

/**
 * `text` if it fits in `limit`, else its start, then `…(truncated)`, then `more` (e.g. a link to
 * the doc line), all within `limit`. A surrogate pair is never split.
 */
export function fitText(text: string, limit: number, more = ""): string {
  if (text.length <= limit) return text;
  const tail = more ? `${TRUNCATED} ${more}` : TRUNCATED;
  let keep = Math.max(0, limit - tail.length);
  const last = text.charCodeAt(keep - 1);
  if (keep > 0 && last >= 0xd800 && last <= 0xdbff) keep--;
  return `${text.slice(0, keep)}${tail}`.slice(0, limit);
}

/**
 * GitHub's secondary limits on content-creating requests (issues, comments, labels, milestones,
 * sub-issues, dependencies, commits, GraphQL mutations), per installation or token: exceeding
 * them earns a 403 and, repeated, a longer block.
 */
export const GITHUB_WRITE_LIMITS = { perMinute: 80, perHour: 500 } as const;

/**
 * What plansync's write budget (src/github/write-budget.ts) admits per installation: GitHub's
 * limits less a margin (clocks of several instances differ, and check runs, which the budget
 * leaves out so that a report always lands, count too). `reserve`: the last writes of each hour
 * are kept for repositories that wrote fewer than that many in the hour, so a huge first sync
 * (400 an hour) never starves the small syncs of the installation's other repositories.
 */
export const PLANSYNC_WRITE_BUDGET = {
  perMinute: GITHUB_WRITE_LIMITS.perMinute - 10,
  perHour: GITHUB_WRITE_LIMITS.perHour - 50,
  reserve: 50,
  /** A sync the hour's budget pauses resumes when this many of its writes fit again, not one. */
  resumeChunk: 50,
} as const;

/**
 * Octokit's throttling spaces writes that notify (issue creates, comments) 3 s apart and other
 * writes 1 s apart: the pace of a sync while the budget admits it.
 */
export const OCTOKIT_WRITE_SPACING_MS = { notifying: 3_000, other: 1_000 } as const;

/** The most one repository writes in an hour while it has the installation to itself. */
export const BULK_WRITES_PER_HOUR = PLANSYNC_WRITE_BUDGET.perHour - PLANSYNC_WRITE_BUDGET.reserve;
