import { MANAGED_LABEL } from "../sync/desired-issue.js";
import { sameLabel } from "../sync/reconcile-labels.js";
import { authorsToAsk, claimOf, mayPush, plansyncMarker, type Identity } from "../sync/issue-ownership.js";
import type {
  CandidateIssue,
  ClaimingIssue,
  Marker,
  RemoteIssue,
  RemoteMilestone,
  RemoteState,
} from "../sync/sync-types.js";
import { titleLead } from "../sync/adoption.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { pushAccess } from "./push-access.js";

/**
 * Managed issues are listed, never searched: the search index lags and would make duplicates.
 * The listing includes pull requests, which are skipped. Only issues issue-ownership.ts calls
 * plansync's are managed; other marked issues are reported as claiming to be.
 */
export async function readRemoteState(octokit: Octokit, repo: RepoRef, identity: Identity): Promise<RemoteState> {
  const managed = await listManagedIssues(octokit, repo, identity);
  const milestones = await octokit.paginate(octokit.rest.issues.listMilestones, {
    ...repo,
    state: "all",
    per_page: 100,
  });
  return {
    issues: managed.issues,
    claiming: managed.claiming,
    milestones: milestones.map(toRemoteMilestone),
    labels: new Set(managed.issues.flatMap((i) => i.labels)),
  };
}

/**
 * The state completed before anything is created, from two listings: every issue plansync's own
 * identity made (so one whose `plansync` label a human removed is found again, never made twice),
 * and every open issue, for adoption candidates (an issue that looks like a task's: its ID leads
 * the title) and for marked issues claiming to be plansync's. A sync that creates nothing pays
 * for neither; closed issues of other authors, most of a mature repository, are never listed.
 */
export async function withAllIssues(
  octokit: Octokit,
  repo: RepoRef,
  remote: RemoteState,
  identity: Identity,
  creator: string,
): Promise<RemoteState> {
  const query = { ...repo, per_page: 100 };
  const own = await octokit.paginate(octokit.rest.issues.listForRepo, { ...query, state: "all", creator });
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, { ...query, state: "open" });
  const seen = new Set([...remote.issues, ...(remote.claiming ?? [])].map((i) => i.number));
  const unknown = [...own, ...open].filter(
    (issue) => !issue.pull_request && !seen.has(issue.number) && seen.add(issue.number),
  );
  const unmarked = unknown.filter((i) => claimOf(i, identity).kind === "unmarked" && i.state === "open");
  const leading = unmarked.filter((i) => titleLead(i.title) !== null);
  const canPush = await pushAccess(octokit, repo, [
    ...authorsToAsk(unknown, identity),
    ...leading.filter(mayPush).map((i) => i.user?.login ?? ""),
  ]);
  const sorted = sortClaims(unknown, identity, canPush);
  return {
    ...remote,
    issues: [...remote.issues, ...sorted.issues],
    claiming: [...(remote.claiming ?? []), ...sorted.claiming],
    candidates: leading.map((issue) => toCandidate(issue, canPush)),
  };
}

export interface ManagedIssues {
  issues: RemoteIssue[];
  /** Marked issues that are not plansync's (issue-ownership.ts): ignored, and reported. */
  claiming: ClaimingIssue[];
}

/** Every plansync issue with the `plansync` label, open and closed, 100 a page. */
export async function listManagedIssues(octokit: Octokit, repo: RepoRef, identity: Identity): Promise<ManagedIssues> {
  const query = { ...repo, state: "all" as const, per_page: 100, labels: MANAGED_LABEL };
  const listed = (await octokit.paginate(octokit.rest.issues.listForRepo, query)).filter((i) => !i.pull_request);
  const canPush = await pushAccess(octokit, repo, authorsToAsk(listed, identity));
  return sortClaims(listed, identity, canPush);
}

function sortClaims(listed: readonly ListedIssue[], identity: Identity, canPush: (author: string) => boolean) {
  const issues: RemoteIssue[] = [];
  const claiming: ClaimingIssue[] = [];
  for (const issue of listed) {
    const claim = claimOf(issue, identity);
    if (claim.kind === "unmarked") continue;
    const marker = plansyncMarker(issue, identity, canPush);
    if (marker) issues.push(toRemoteIssue(issue, marker));
    else
      claiming.push({
        number: issue.number,
        author: issue.user?.login ?? "",
        id: claim.marker.id,
        file: claim.marker.file,
        labelled: issue.labels.some((l) => sameLabel(typeof l === "string" ? l : (l.name ?? ""), MANAGED_LABEL)),
      });
  }
  return { issues, claiming };
}

type ListedIssue = Awaited<ReturnType<Octokit["rest"]["issues"]["listForRepo"]>>["data"][number];
type ListedMilestone = Awaited<ReturnType<Octokit["rest"]["issues"]["listMilestones"]>>["data"][number];

function toRemoteIssue(issue: ListedIssue, marker: Marker): RemoteIssue {
  return { ...issueFields(issue), marker };
}

function toCandidate(issue: ListedIssue, canPush: (author: string) => boolean): CandidateIssue {
  const author = issue.user?.login ?? "";
  return { ...issueFields(issue), author, canPush: mayPush(issue) && canPush(author) };
}

function issueFields(issue: ListedIssue): Omit<RemoteIssue, "marker"> {
  return {
    number: issue.number,
    id: issue.id,
    nodeId: issue.node_id,
    parent: parentNumber(issue.parent_issue_url, issue.repository_url),
    subIssues: issue.sub_issues_summary?.total ?? 0,
    blockedBy: issue.issue_dependencies_summary?.total_blocked_by ?? 0,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    labels: issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
    milestone: issue.milestone?.title ?? null,
    assignees: (issue.assignees ?? []).map((a) => a.login),
    ...issueType(issue),
    ...(issue.state === "closed" && issue.state_reason === "not_planned" && { notPlanned: true as const }),
  };
}

/** Its type's name, null for none; nothing when GitHub's answer has no `type` (an older server). */
function issueType(issue: ListedIssue): Pick<RemoteIssue, "type"> {
  const type = (issue as { type?: { name?: unknown } | null }).type;
  if (type === undefined) return {};
  return { type: typeof type?.name === "string" ? type.name : null };
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
