import type { Operation } from "../sync/sync-types.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { isNotFound } from "./octokit.js";
import { sendOnce, statusOf } from "./write-policy.js";

/** Issue numbers and GitHub ids, known from the listing and from each create of this sync. */
export interface IssueIds {
  /** The number of the issue a task's create made in this sync. */
  resolve: (ref: { number: number } | { taskId: string }) => number;
  ids: Map<number, number>;
}

/**
 * Sub-issue and "blocked by" links. These endpoints take an issue's `id`, not its number. An
 * add is a POST, so it is sent once: after an unknown outcome the link is looked for before
 * sending again. A removal that finds the link already gone is done.
 */
export async function applyLink(
  octokit: Octokit,
  repo: RepoRef,
  op: Extract<Operation, { kind: "link-sub-issue" | "unlink-sub-issue" | "order-sub-issues" | "set-blocked-by" }>,
  known: IssueIds,
): Promise<number> {
  const idOf = (number: number) => issueId(octokit, repo, number, known.ids);
  switch (op.kind) {
    case "link-sub-issue": {
      const parent = known.resolve(op.parent);
      const child = known.resolve(op.child);
      const sub_issue_id = await idOf(child);
      await addLink(
        () =>
          octokit.rest.issues.addSubIssue({
            ...repo,
            issue_number: parent,
            sub_issue_id,
            ...(op.replace && { replace_parent: true }),
          }),
        async () => (await subIssueIds(octokit, repo, parent)).has(sub_issue_id),
      );
      return child;
    }
    case "unlink-sub-issue": {
      const sub_issue_id = await idOf(op.child.number);
      await ignoreNotFound(() =>
        octokit.rest.issues.removeSubIssue({ ...repo, issue_number: op.parent.number, sub_issue_id }),
      );
      return op.child.number;
    }
    case "order-sub-issues":
      return orderSubIssues(octokit, repo, op, known, idOf);
    case "set-blocked-by":
      return setBlockedBy(octokit, repo, op, known, idOf);
  }
}

/**
 * Moves each child that is out of place to just after the one the doc puts before it: one read
 * of the parent's sub-issues, then one request per move. Children the doc does not name (a
 * human's) and children not linked yet are left where they are.
 */
async function orderSubIssues(
  octokit: Octokit,
  repo: RepoRef,
  op: Extract<Operation, { kind: "order-sub-issues" }>,
  known: IssueIds,
  idOf: (number: number) => Promise<number>,
): Promise<number> {
  const issue_number = op.parent.number;
  const current = [...(await subIssueIds(octokit, repo, issue_number))];
  const wanted: number[] = [];
  for (const child of op.children) {
    const id = await idOf(known.resolve(child));
    if (current.includes(id)) wanted.push(id);
  }
  const order = current.filter((id) => wanted.includes(id));
  for (let i = 0; i < wanted.length; i++) {
    if (order[i] === wanted[i]) continue;
    const sub_issue_id = wanted[i]!;
    const anchor = i === 0 ? { before_id: order[0]! } : { after_id: wanted[i - 1]! };
    await octokit.rest.issues.reprioritizeSubIssue({ ...repo, issue_number, sub_issue_id, ...anchor });
    order.splice(order.indexOf(sub_issue_id), 1);
    order.splice(i, 0, sub_issue_id);
  }
  return issue_number;
}

async function setBlockedBy(
  octokit: Octokit,
  repo: RepoRef,
  op: Extract<Operation, { kind: "set-blocked-by" }>,
  known: IssueIds,
  idOf: (number: number) => Promise<number>,
): Promise<number> {
  const issue_number = known.resolve(op.issue);
  const current = op.read ? await blockerIds(octokit, repo, issue_number) : new Set<number>();
  for (const blocker of op.remove) {
    const issue_id = await idOf(blocker.number);
    if (!current.has(issue_id)) continue;
    await ignoreNotFound(() => octokit.rest.issues.removeDependencyBlockedBy({ ...repo, issue_number, issue_id }));
  }
  for (const blocker of op.add) {
    const issue_id = await idOf(known.resolve(blocker.ref));
    if (current.has(issue_id)) continue;
    await addLink(
      () => octokit.rest.issues.addBlockedByDependency({ ...repo, issue_number, issue_id }),
      async () => (await blockerIds(octokit, repo, issue_number)).has(issue_id),
    );
  }
  return issue_number;
}

/** An issue's id: known from the listing or a create; otherwise read once (an issue plansync did not list). */
async function issueId(octokit: Octokit, repo: RepoRef, number: number, ids: Map<number, number>): Promise<number> {
  const known = ids.get(number);
  if (known !== undefined) return known;
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: number });
  ids.set(number, data.id);
  return data.id;
}

/** A parent's sub-issue ids, in GitHub's order. */
async function subIssueIds(octokit: Octokit, repo: RepoRef, issue_number: number): Promise<Set<number>> {
  const children = await octokit.paginate(octokit.rest.issues.listSubIssues, { ...repo, issue_number, per_page: 100 });
  return new Set(children.map((c) => c.id));
}

async function blockerIds(octokit: Octokit, repo: RepoRef, issue_number: number): Promise<Set<number>> {
  const blockers = await octokit.paginate(octokit.rest.issues.listDependenciesBlockedBy, {
    ...repo,
    issue_number,
    per_page: 100,
  });
  return new Set(blockers.map((b) => b.id));
}

/**
 * Adds a link once (`sendOnce`: after an unknown outcome it looks before sending again). A 422
 * because the link is already there (a human made it, or a listing that did not say so) is what
 * was wanted: done, not a failure. Any other refusal stands.
 */
async function addLink(send: () => Promise<unknown>, exists: () => Promise<boolean>): Promise<void> {
  const lookup = async () => ((await exists()) ? true : null);
  try {
    await sendOnce(async () => (await send(), true), lookup);
  } catch (error) {
    if (statusOf(error) !== 422 || !(await exists())) throw error;
  }
}

async function ignoreNotFound(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
