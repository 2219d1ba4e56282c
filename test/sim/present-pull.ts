import { issueJson } from "./present-issue.js";
import { repoJson } from "./present-repo.js";
import { nodeId, userJson } from "./present-user.js";
import type { IssueRecord, PullFields, RepoState } from "./records.js";
import { branchSha } from "./repo-git.js";
import { repoApiUrl, type SimUrls } from "./route-context.js";

/** The pull request object (`/pulls`), built on the issue fields it shares. */
export function pullJson(repo: RepoState, urls: SimUrls, issue: IssueRecord, pull: PullFields) {
  const { pull_request: links, ...asIssue } = issueJson(repo, urls, issue);
  const api = `${repoApiUrl(urls, repo)}/pulls/${issue.number}`;
  return {
    url: api,
    id: issue.pullId ?? issue.id,
    node_id: nodeId("PR", issue.pullId ?? issue.id),
    html_url: links?.html_url,
    diff_url: links?.diff_url,
    patch_url: links?.patch_url,
    issue_url: asIssue.url,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: asIssue.user,
    body: issue.body,
    labels: asIssue.labels,
    milestone: asIssue.milestone,
    assignee: asIssue.assignee,
    assignees: asIssue.assignees,
    requested_reviewers: [],
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: null,
    merge_commit_sha: null,
    draft: pull.draft,
    head: branchJson(repo, urls, pull.head),
    base: branchJson(repo, urls, pull.base),
    merged: false,
    mergeable: null,
    comments: issue.comments,
    author_association: "NONE",
  };
}

function branchJson(repo: RepoState, urls: SimUrls, ref: string) {
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha: branchSha(repo, ref) ?? null,
    user: userJson(repo.owner, urls),
    repo: repoJson(repo, urls),
  };
}
