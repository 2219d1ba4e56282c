import { fitText, GITHUB_LIMITS } from "./github-limits.js";
import { renderMarker } from "./marker.js";
import type { DesiredIssue } from "./desired-issue.js";
import type { IssueState } from "./sync-types.js";

/** The most a marker grows by in marker-only updates: 50 recorded links of 64-character IDs, and more. */
export const MARKER_GROWTH = 4_096;

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
    ...(desired.board !== undefined && { board: desired.board }),
    ...(desired.type !== undefined && { type: desired.type }),
  });
  // An epic's picture is never cut: it fits its own budget (epic-diagram.ts), the doc's text gives way.
  const tail = `${desired.diagram ? `\n\n${desired.diagram}` : ""}\n\n---\n${footer}\n\n${marker}\n`;
  // The footer and the marker always fit: only the doc's text is cut, pointing at the rest. A cut
  // body leaves room for the marker to grow (a state, recorded links) in later marker-only
  // updates, which GitHub would otherwise refuse whole, state change included.
  const room = GITHUB_LIMITS.issueBody - tail.length - MARKER_GROWTH;
  const content =
    desired.content.length + tail.length <= GITHUB_LIMITS.issueBody
      ? desired.content
      : fitText(desired.content, room, `[Read the rest in the doc](${url})`);
  return `${content}${tail}`;
}

export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
