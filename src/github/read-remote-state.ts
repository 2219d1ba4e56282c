import { MANAGED_LABEL } from "../sync/desired-issue.js";
import { readMarker } from "../sync/marker.js";
import type { RemoteIssue, RemoteMilestone, RemoteState } from "../sync/sync-types.js";
import type { Octokit, RepoRef } from "./octokit.js";

/**
 * Managed issues are listed, never searched: the search index lags and would make duplicates.
 * The listing includes pull requests, which are skipped.
 */
export async function readRemoteState(octokit: Octokit, repo: RepoRef): Promise<RemoteState> {
  const managed = await listManagedIssues(octokit, repo, null);
  const milestones = await octokit.paginate(octokit.rest.issues.listMilestones, {
    ...repo,
    state: "all",
    per_page: 100,
  });
  return {
    issues: managed,
    milestones: milestones.map(toRemoteMilestone),
    labels: new Set(managed.flatMap((i) => i.labels)),
  };
}

/**
 * The state with the issues the app created added: those whose `plansync` label a human removed
 * (or deleted from the repository) are found again. Read before anything is created, so a lost
 * label never makes a second issue; a sync that creates nothing does not pay for it.
 */
export async function withIssuesByCreator(
  octokit: Octokit,
  repo: RepoRef,
  remote: RemoteState,
  creator: string,
): Promise<RemoteState> {
  const listed = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repo,
    state: "all",
    per_page: 100,
    creator,
  });
  const known = new Set(remote.issues.map((i) => i.number));
  const found = listed.filter((issue) => !known.has(issue.number)).flatMap(toRemoteIssue);
  return { ...remote, issues: [...remote.issues, ...found] };
}

/**
 * Every issue with a readable marker, open and closed, 100 a page: those with the `plansync`
 * label, and those the app created (`creator`), so that a removed label unmanages nothing.
 */
export async function listManagedIssues(
  octokit: Octokit,
  repo: RepoRef,
  creator: string | null,
): Promise<RemoteIssue[]> {
  const query = { ...repo, state: "all" as const, per_page: 100 };
  const byLabel = await octokit.paginate(octokit.rest.issues.listForRepo, { ...query, labels: MANAGED_LABEL });
  const byCreator = creator ? await octokit.paginate(octokit.rest.issues.listForRepo, { ...query, creator }) : [];
  const seen = new Set<number>();
  return [...byLabel, ...byCreator]
    .filter((issue) => !seen.has(issue.number) && seen.add(issue.number))
    .flatMap(toRemoteIssue);
}

type ListedIssue = Awaited<ReturnType<Octokit["rest"]["issues"]["listForRepo"]>>["data"][number];
type ListedMilestone = Awaited<ReturnType<Octokit["rest"]["issues"]["listMilestones"]>>["data"][number];

function toRemoteIssue(issue: ListedIssue): RemoteIssue[] {
  const marker = readMarker(issue.body);
  if (issue.pull_request || !marker) return [];
  return [
    {
      number: issue.number,
      id: issue.id,
      parent: parentNumber(issue.parent_issue_url, issue.repository_url),
      subIssues: issue.sub_issues_summary?.total ?? 0,
      blockedBy: issue.issue_dependencies_summary?.total_blocked_by ?? 0,
      title: issue.title,
      body: issue.body ?? "",
      state: issue.state === "closed" ? "closed" : "open",
      labels: issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
      milestone: issue.milestone?.title ?? null,
      assignees: (issue.assignees ?? []).map((a) => a.login),
      marker,
    },
  ];
}

/** `…/repos/o/r/issues/12` → 12. A parent in another repository is none plansync manages: null. */
function parentNumber(url: string | null | undefined, repositoryUrl: string): number | null {
  if (!url?.startsWith(`${repositoryUrl}/issues/`)) return null;
  const number = Number(url.slice(repositoryUrl.length + "/issues/".length));
  return Number.isInteger(number) && number > 0 ? number : null;
}

/** GitHub returns a due date as a timestamp early in the UTC day (07:00 or 08:00); its date part is the calendar date. */
function toRemoteMilestone(m: ListedMilestone): RemoteMilestone {
  return {
    number: m.number,
    title: m.title,
    dueOn: m.due_on ? m.due_on.slice(0, 10) : null,
    state: m.state === "closed" ? "closed" : "open",
    description: m.description ?? "",
  };
}
