import { createHash } from "node:crypto";
import type { PlansyncConfig } from "../config/config-schema.js";
import type { Diagnostic } from "../plan/index.js";
import type { LocatedTask } from "./collect-tasks.js";
import { addTaskWarning } from "./task-warning.js";
import { issueRef, type Operation, type RemoteIssue } from "./sync-types.js";
import { taskKey, type Scoper } from "./task-scope.js";

/** GitHub's caps: sub-issues per parent (closed ones included), and levels of nesting. */
export const SUB_ISSUE_LIMITS = { perParent: 100, depth: 8 } as const;

type Link = Extract<Operation, { kind: "link-sub-issue" }>;

export interface SubIssuePlan {
  operations: Operation[];
  diagnostics: Map<string, Diagnostic[]>;
  /** For each parent with several children in the doc, a hash of their order (its marker records it). */
  orders: Map<string, string>;
}

/**
 * Sub-issue links that make GitHub's hierarchy match the doc's: a nested or outline-numbered
 * task under its parent task, a story under its epic. The current parent comes from the issue
 * listing (`parent_issue_url`), so an unchanged hierarchy costs no request. Only links between
 * managed issues are plansync's: an issue a human put under an issue of their own stays there.
 */
export function reconcileSubIssues(
  winners: readonly LocatedTask[],
  owners: ReadonlyMap<string, RemoteIssue>,
  config: PlansyncConfig,
  scoper: Scoper,
): SubIssuePlan {
  const diagnostics = new Map<string, Diagnostic[]>();
  const warn = (located: LocatedTask, message: string) => addTaskWarning(diagnostics, located, "sub-issue", message);
  const present = new Map(winners.map((w) => [w.key, w]));
  const parents = new Map(winners.map((w) => [w.key, desiredParent(w, present, config, scoper)]));
  const byNumber = new Map([...owners.values()].map((i) => [i.number, i]));
  const unlinks: Operation[] = [];
  const links: Link[] = [];
  for (const child of winners) {
    const parentKey = parents.get(child.key) ?? null;
    const remote = owners.get(child.key);
    const current = remote?.parent ?? null;
    const currentIssue = current === null ? undefined : byNumber.get(current);
    if (parentKey === null) {
      if (remote && currentIssue && ownsLink(currentIssue, config))
        unlinks.push({
          kind: "unlink-sub-issue",
          parent: { number: current! },
          child: { number: remote.number },
          taskId: child.key,
        });
      continue;
    }
    const parentIssue = owners.get(parentKey);
    if (parentIssue && current === parentIssue.number) continue;
    if (current !== null && !currentIssue) {
      warn(
        child,
        `${child.task.id}'s issue #${remote!.number} is a sub-issue of #${current}, which plansync does not manage, so it stays there. To follow the doc, remove it from #${current} on GitHub.`,
      );
      continue;
    }
    if (depth(child.key, parents) > SUB_ISSUE_LIMITS.depth) {
      warn(
        child,
        `${child.task.id} is nested more than ${SUB_ISSUE_LIMITS.depth} levels deep, which GitHub does not allow for sub-issues; it is not linked to ${present.get(parentKey)!.task.id}.`,
      );
      continue;
    }
    links.push({
      kind: "link-sub-issue",
      parent: issueRef(parentKey, owners),
      child: issueRef(child.key, owners),
      taskId: child.key,
      parentTaskId: parentKey,
      replace: current !== null,
    });
  }
  const kept = withinCap(links, owners, unlinks, present, warn);
  const orders = childOrders(winners, parents);
  return { operations: [...unlinks, ...kept, ...reorders(orders, owners, kept)], diagnostics, orders: hashes(orders) };
}

/** Each parent's children in doc order, for parents with more than one. */
function childOrders(winners: readonly LocatedTask[], parents: ReadonlyMap<string, string | null>) {
  const orders = new Map<string, string[]>();
  for (const { key } of winners) {
    const parent = parents.get(key);
    if (parent) orders.set(parent, [...(orders.get(parent) ?? []), key]);
  }
  return new Map([...orders].filter(([, children]) => children.length > 1));
}

function hashes(orders: ReadonlyMap<string, string[]>): Map<string, string> {
  return new Map([...orders].map(([parent, children]) => [parent, orderHash(children)]));
}

/**
 * A parent whose marker records another order gets one reorder: links append, so a new story in
 * the middle, or stories the doc reordered, are put in place. So does a parent whose marker is
 * right but whose appends in this sync would land out of place (a child whose create was refused
 * or never sent once the marker was written, or a sub-issue a human removed): see
 * `appendsOutOfPlace`. An unchanged order, or appends that land where the doc has them, cost nothing.
 */
function reorders(
  orders: ReadonlyMap<string, string[]>,
  owners: ReadonlyMap<string, RemoteIssue>,
  links: readonly Link[],
): Operation[] {
  return [...orders].flatMap(([parentKey, children]): Operation[] => {
    const parent = owners.get(parentKey);
    if (!parent) return [];
    const appended = new Map(links.filter((l) => l.parentTaskId === parentKey).map((l) => [l.taskId, l]));
    const under = (key: string) => owners.get(key)?.parent === parent.number;
    if (parent.marker.order === orderHash(children) && !appendsOutOfPlace(children, appended, under)) return [];
    return [
      {
        kind: "order-sub-issues",
        parent: { number: parent.number },
        taskId: parentKey,
        children: children.map((key) => issueRef(key, owners)),
      },
    ];
  });
}

/**
 * Whether the links of this sync would leave a parent's sub-issues out of doc order, given they
 * are in it now. GitHub appends each one, new children first (their creates carry the link,
 * fuse-creates.ts) and then existing issues in doc order. So they are out of place when a child
 * already under the parent comes after an appended one in the doc, or an existing issue
 * appended comes before a new child.
 */
export function appendsOutOfPlace(
  children: readonly string[],
  appended: ReadonlyMap<string, Link>,
  under: (key: string) => boolean,
): boolean {
  let appending = false;
  let existingAppended = false;
  for (const key of children) {
    const link = appended.get(key);
    if (link) {
      const isNew = "taskId" in link.child;
      if (isNew && existingAppended) return true;
      existingAppended ||= !isNew;
      appending = true;
    } else if (appending && under(key)) return true;
  }
  return false;
}

function orderHash(children: readonly string[]): string {
  return createHash("sha1").update(JSON.stringify(children)).digest("hex").slice(0, 8);
}

/** The key of the task whose issue should hold this one, or null. */
function desiredParent(
  located: LocatedTask,
  present: ReadonlyMap<string, LocatedTask>,
  config: PlansyncConfig,
  scoper: Scoper,
): string | null {
  if (located.epic) return null;
  const { task, file } = located;
  const sameFile = (id: string) => {
    const key = taskKey(id, scoper(file.path, id));
    return present.get(key)?.file === file ? key : null;
  };
  const parent = config.hierarchy.subIssues && task.parent !== null ? sameFile(task.parent) : null;
  if (parent !== null) return parent;
  return config.hierarchy.epics === "issue" && task.epic !== null ? sameFile(task.epic) : null;
}

/** A link plansync would make: task under task with `subIssues`, story under epic with `epics: issue`. */
function ownsLink(parent: RemoteIssue, config: PlansyncConfig): boolean {
  return parent.marker.epic ? config.hierarchy.epics === "issue" : config.hierarchy.subIssues;
}

function depth(key: string, parents: ReadonlyMap<string, string | null>): number {
  let levels = 1;
  for (let up = parents.get(key) ?? null; up !== null && levels <= SUB_ISSUE_LIMITS.depth; up = parents.get(up) ?? null)
    levels++;
  return levels;
}

/** Links past GitHub's 100 sub-issues per parent are left out, with a warning on the parent's line. */
function withinCap(
  links: readonly Link[],
  owners: ReadonlyMap<string, RemoteIssue>,
  unlinks: readonly Operation[],
  present: ReadonlyMap<string, LocatedTask>,
  warn: (located: LocatedTask, message: string) => void,
): Link[] {
  const count = new Map<string, number>();
  const start = (key: string) => {
    const issue = owners.get(key);
    const leaving = unlinks.filter((u) => u.kind === "unlink-sub-issue" && u.parent.number === issue?.number).length;
    return (issue?.subIssues ?? 0) - leaving;
  };
  const kept: Link[] = [];
  const over = new Map<string, string[]>();
  for (const link of links) {
    const n = count.get(link.parentTaskId) ?? start(link.parentTaskId);
    if (n >= SUB_ISSUE_LIMITS.perParent)
      over.set(link.parentTaskId, [...(over.get(link.parentTaskId) ?? []), link.taskId]);
    else kept.push(link);
    count.set(link.parentTaskId, n + 1);
  }
  for (const [parentKey, left] of over) {
    const parent = present.get(parentKey)!;
    warn(
      parent,
      `${parent.task.id} would have more than ${SUB_ISSUE_LIMITS.perParent} sub-issues, GitHub's limit (closed ones count). These are not linked: ${left.join(", ")}. Split it, or remove closed sub-issues on GitHub.`,
    );
  }
  return kept;
}
