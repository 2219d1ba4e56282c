import type { IssueRef, Operation } from "./sync-types.js";

type Create = Extract<Operation, { kind: "create-issue" }>;
type Link = Extract<Operation, { kind: "link-sub-issue" }>;

/**
 * One write per new issue: a new child's sub-issue link is carried by its create (GitHub's
 * GraphQL `createIssue` takes `parentIssueId`), and the separate link is dropped. That holds
 * only when the parent exists when the child is created: it exists already, or its create comes
 * earlier in the operations. Any other link is kept as it is.
 *
 * GitHub appends a sub-issue when it is linked, so a carried child lands at its create, before
 * every separate link of the sync. An existing parent gets a reorder after all links when that
 * breaks the doc's order (reconcile-sub-issues.ts). A parent created in this sync gets none: its
 * marker records the doc's order at its create. So its links are carried only while they form
 * the head of its children in doc order (all of them, or the first few, each created after the
 * one before): the carried ones land first, then the rest are linked in doc order.
 *
 * A link is not carried when the same parent loses a sub-issue in this sync: the unlink comes
 * after the creates, and the cap of 100 sub-issues per parent was checked with it already done.
 */
export function fuseCreates(operations: readonly Operation[]): Operation[] {
  const createdAt = new Map<string, number>();
  operations.forEach((op, index) => op.kind === "create-issue" && createdAt.set(op.taskId, index));
  const linkCount = new Map<string, number>();
  for (const op of operations)
    if (op.kind === "link-sub-issue" && "taskId" in op.child)
      linkCount.set(op.child.taskId, (linkCount.get(op.child.taskId) ?? 0) + 1);
  const losing = new Set(operations.flatMap((op) => (op.kind === "unlink-sub-issue" ? [op.parent.number] : [])));
  const parentExists = (parent: IssueRef, childAt: number) =>
    "number" in parent ? !losing.has(parent.number) : (createdAt.get(parent.taskId) ?? Infinity) < childAt;
  const childAt = (link: Link) => ("taskId" in link.child ? createdAt.get(link.child.taskId) : undefined);
  const childKey = (link: Link) => ("taskId" in link.child ? link.child.taskId : "");
  const carriable = (link: Link, at: number | undefined): at is number =>
    at !== undefined && linkCount.get(childKey(link)) === 1 && !link.replace && parentExists(link.parent, at);

  const carried = new Map<string, Link>();
  // For each parent created in this sync: the create index of the last child carried under it,
  // or Infinity once one of its links could not be carried (the rest stay separate links).
  const headOf = new Map<string, number>();
  for (const op of operations) {
    if (op.kind !== "link-sub-issue") continue;
    const at = childAt(op);
    if ("number" in op.parent) {
      if (carriable(op, at)) carried.set(childKey(op), op);
      continue;
    }
    const last = headOf.get(op.parent.taskId) ?? -1;
    if (carriable(op, at) && at > last) {
      carried.set(childKey(op), op);
      headOf.set(op.parent.taskId, at);
    } else headOf.set(op.parent.taskId, Infinity);
  }
  const dropped = new Set<Operation>(carried.values());
  return operations.flatMap((op): Operation[] => {
    if (dropped.has(op)) return [];
    const link = op.kind === "create-issue" ? carried.get(op.taskId) : undefined;
    return link ? [withParent(op as Create, link)] : [op];
  });
}

function withParent(create: Create, link: Link): Create {
  return { ...create, parent: { issue: link.parent, taskId: link.parentTaskId } };
}
