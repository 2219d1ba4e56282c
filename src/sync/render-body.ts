import { fitText, GITHUB_LIMITS } from "./github-limits.js";
import { renderMarker } from "./marker.js";
import type { DesiredIssue } from "./desired-issue.js";
import type { IssueState } from "./sync-types.js";

export interface SourceLink {
  /** The repository's web URL, e.g. https://github.com/octo/plans (GitHub Enterprise has its own host). */
  htmlUrl: string;
  sha: string;
}

/** The issue body: the task's content, a footer linking its line at the synced commit, and the hidden marker. */
export function renderBody(desired: DesiredIssue, link: SourceLink, state: IssueState): string {
  const url = `${link.htmlUrl}/blob/${link.sha}/${encodePath(desired.file)}#L${desired.line}`;
  const meta = desired.meta ? ` · ${desired.meta}` : "";
  const footer = `<sub>From [\`${desired.file}\` line ${desired.line}](${url})${meta}. Edit the doc to change this issue; plansync keeps them in sync.</sub>`;
  const marker = renderMarker({
    id: desired.id,
    scope: desired.scope,
    file: desired.file,
    state,
    hash: desired.hash,
    checks: desired.checks,
    deps: desired.deps,
    ...(desired.epic && { epic: true }),
    ...(desired.order !== undefined && { order: desired.order }),
  });
  const tail = `\n\n---\n${footer}\n\n${marker}\n`;
  // The footer and the marker always fit: only the doc's text is cut, pointing at the rest.
  const content = fitText(desired.content, GITHUB_LIMITS.issueBody - tail.length, `[Read the rest in the doc](${url})`);
  return `${content}${tail}`;
}

export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
