import { issueLabels } from "./present-issue.js";
import type { IssueRecord, RepoState } from "./records.js";

/** Filters and ordering of `GET /repos/{owner}/{repo}/issues` (pull requests included, as on GitHub). */
export function listIssues(repo: RepoState, query: URLSearchParams): IssueRecord[] {
  const filters = [
    stateFilter(query),
    labelsFilter(repo, query),
    milestoneFilter(query),
    assigneeFilter(query),
    creatorFilter(query),
    sinceFilter(query),
  ];
  const matching = [...repo.issues.values()].filter((issue) => filters.every((keep) => keep(issue)));
  return sortIssues(matching, query.get("sort") ?? "created", query.get("direction") ?? "desc");
}

type Filter = (issue: IssueRecord) => boolean;

function stateFilter(query: URLSearchParams): Filter {
  const state = query.get("state") ?? "open";
  return (issue) => state === "all" || issue.state === state;
}

/** `labels=a,b` means both a AND b, matched case-insensitively. */
function labelsFilter(repo: RepoState, query: URLSearchParams): Filter {
  const wanted = (query.get("labels") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return (issue) => {
    const names = new Set(issueLabels(repo, issue).map((label) => label.name.toLowerCase()));
    return wanted.every((name) => names.has(name));
  };
}

function milestoneFilter(query: URLSearchParams): Filter {
  const milestone = query.get("milestone");
  if (milestone === null) return () => true;
  if (milestone === "*") return (issue) => issue.milestoneNumber !== null;
  if (milestone === "none") return (issue) => issue.milestoneNumber === null;
  return (issue) => issue.milestoneNumber === Number(milestone);
}

function assigneeFilter(query: URLSearchParams): Filter {
  const assignee = query.get("assignee");
  if (assignee === null) return () => true;
  if (assignee === "*") return (issue) => issue.assignees.length > 0;
  if (assignee === "none") return (issue) => issue.assignees.length === 0;
  return (issue) => issue.assignees.some((user) => user.login.toLowerCase() === assignee.toLowerCase());
}

function creatorFilter(query: URLSearchParams): Filter {
  const creator = query.get("creator")?.toLowerCase();
  return (issue) => creator === undefined || issue.user.login.toLowerCase() === creator;
}

function sinceFilter(query: URLSearchParams): Filter {
  const since = query.get("since");
  return (issue) => since === null || Date.parse(issue.updatedAt) >= Date.parse(since);
}

/** Timestamps have second precision, so ties are broken by number to keep creation order. */
function sortIssues(issues: IssueRecord[], sort: string, direction: string): IssueRecord[] {
  const key = (issue: IssueRecord) =>
    sort === "updated"
      ? Date.parse(issue.updatedAt)
      : sort === "comments"
        ? issue.comments
        : Date.parse(issue.createdAt);
  const sign = direction === "asc" ? 1 : -1;
  return [...issues].sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}
