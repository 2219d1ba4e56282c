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
