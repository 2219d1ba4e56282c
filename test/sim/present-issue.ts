import { authorAssociation } from "./routes-collaborators.js";
import type { CommentRecord, IssueRecord, LabelRecord, MilestoneRecord, RepoState } from "./records.js";
import { repoApiUrl, repoHtmlUrl, type SimUrls } from "./route-context.js";
import { dueOnTimestamp } from "./pacific-date.js";
import { nodeId, userJson } from "./present-user.js";
import { issueTypeById, issueTypeJson } from "./issue-types.js";

/** JSON shapes of issues, labels, milestones and comments. */

export function labelJson(repo: RepoState, urls: SimUrls, label: LabelRecord) {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${repoApiUrl(urls, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

export function milestoneJson(repo: RepoState, urls: SimUrls, milestone: MilestoneRecord) {
  const api = repoApiUrl(urls, repo);
  const issues = [...repo.issues.values()].filter((issue) => issue.milestoneNumber === milestone.number);
  return {
    url: `${api}/milestones/${milestone.number}`,
    html_url: `${repoHtmlUrl(urls, repo)}/milestone/${milestone.number}`,
    labels_url: `${api}/milestones/${milestone.number}/labels`,
    id: milestone.id,
    node_id: nodeId("MI", milestone.id),
    number: milestone.number,
    state: milestone.state,
    title: milestone.title,
    description: milestone.description,
    creator: userJson(milestone.creator, urls),
    open_issues: issues.filter((issue) => issue.state === "open").length,
    closed_issues: issues.filter((issue) => issue.state === "closed").length,
    created_at: milestone.createdAt,
    updated_at: milestone.updatedAt,
    closed_at: milestone.closedAt,
    due_on: milestone.dueOn === null ? null : dueOnTimestamp(milestone.dueOn),
  };
}

export function issueJson(repo: RepoState, urls: SimUrls, issue: IssueRecord) {
  const api = `${repoApiUrl(urls, repo)}/issues/${issue.number}`;
  const html = `${repoHtmlUrl(urls, repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const milestone = issue.milestoneNumber === null ? undefined : repo.milestones.get(issue.milestoneNumber);
  const assignees = issue.assignees.map((user) => userJson(user, urls));
  return {
    id: issue.id,
    node_id: nodeId(issue.pull ? "PR" : "I", issue.id),
    url: api,
    repository_url: repoApiUrl(urls, repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(issue.user, urls),
    labels: issueLabels(repo, issue).map((label) => labelJson(repo, urls, label)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? milestoneJson(repo, urls, milestone) : null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments,
    ...relationsJson(repo, urls, issue),
    ...(issue.pull ? { pull_request: pullRequestLinks(repo, urls, issue) } : {}),
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: authorAssociation(repo, issue.user),
    type: typeJson(repo, issue),
  };
}

/** The issue's type, null for none; a pull request has no `type`. */
function typeJson(repo: RepoState, issue: IssueRecord) {
  const type = issue.pull ? undefined : issueTypeById(repo, issue.typeId);
  return type ? issueTypeJson(type) : null;
}

export function commentJson(repo: RepoState, urls: SimUrls, comment: CommentRecord) {
  return {
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    url: `${repoApiUrl(urls, repo)}/issues/comments/${comment.id}`,
    html_url: `${repoHtmlUrl(urls, repo)}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApiUrl(urls, repo)}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: "NONE",
  };
}

export function issueLabels(repo: RepoState, issue: IssueRecord): LabelRecord[] {
  return issue.labelIds.flatMap((id) => repo.labels.filter((label) => label.id === id));
}

function pullRequestLinks(repo: RepoState, urls: SimUrls, issue: IssueRecord) {
  const html = `${repoHtmlUrl(urls, repo)}/pull/${issue.number}`;
  return {
    url: `${repoApiUrl(urls, repo)}/pulls/${issue.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    merged_at: null,
  };
}

/** `parent_issue_url` and the two summaries GitHub puts on every issue. */
function relationsJson(repo: RepoState, urls: SimUrls, issue: IssueRecord) {
  const parent = issue.parentId ? [...repo.issues.values()].find((i) => i.id === issue.parentId) : undefined;
  const children = (issue.subIssueIds ?? []).flatMap((id) => [...repo.issues.values()].filter((i) => i.id === id));
  const completed = children.filter((c) => c.state === "closed").length;
  const blocking = [...repo.issues.values()].filter((i) => i.blockedByIds?.includes(issue.id));
  const blockedBy = (issue.blockedByIds ?? []).flatMap((id) => [...repo.issues.values()].filter((i) => i.id === id));
  return {
    parent_issue_url: parent ? `${repoApiUrl(urls, repo)}/issues/${parent.number}` : null,
    sub_issues_summary: {
      total: children.length,
      completed,
      percent_completed: children.length ? Math.round((100 * completed) / children.length) : 0,
    },
    issue_dependencies_summary: {
      blocked_by: blockedBy.filter((i) => i.state === "open").length,
      blocking: blocking.filter((i) => i.state === "open").length,
      total_blocked_by: blockedBy.length,
      total_blocking: blocking.length,
    },
  };
}
