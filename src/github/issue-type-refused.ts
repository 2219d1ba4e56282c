import { neutralizeText } from "../sync/neutralize-mentions.js";
import type { RepoRef } from "./octokit.js";
import { statusOf } from "./write-policy.js";

/**
 * GitHub's 422 for a `type` it does not know: `errors: [{ resource: "Issue", field: "type", … }]`.
 * Any other 422 (a milestone, a title too long) is not this, and is refused as before.
 */
export function isUnknownIssueType(error: unknown): boolean {
  if (statusOf(error) !== 422) return false;
  const errors = (error as { response?: { data?: { errors?: unknown } } }).response?.data?.errors;
  return Array.isArray(errors) && errors.some((e) => (e as { field?: unknown } | null)?.field === "type");
}

/** The check run's line when GitHub refused a type the sync sent. */
export function unknownTypeNote(repo: RepoRef, type: string | null): string {
  return `Issue types: GitHub did not take the type ${neutralizeText(String(type))} in ${repo.owner}/${repo.repo} (the organisation may have removed it); the rest of each change was made without it.`;
}
