import { readMarker } from "../../src/sync/marker.js";
import type { IssueRef, Operation, RemoteIssue, RemoteState } from "../../src/sync/sync-types.js";

/**
 * A model of GitHub's sub-issues for order properties: issues, and each parent's sub-issues in
 * GitHub's order. A link (or a create under a parent) appends, a move leaves the old parent
 * first, an unlink removes, and a reorder puts the named children in the order given. Every
 * other operation changes only what the next sync reads (bodies, and so markers).
 */
export class SubIssueModel {
  private readonly issues = new Map<number, RemoteIssue>();
  private readonly children = new Map<number, number[]>();
  private next = 1;

  /** Applies a sync's operations in order; `skip` leaves some out (a create refused, a sync stopped). */
  apply(operations: readonly Operation[], skip: (op: Operation) => boolean = () => false): void {
    const made = new Map<string, number>();
    const resolve = (ref: IssueRef) => ("number" in ref ? ref.number : made.get(ref.taskId));
    for (const op of operations) {
      if (skip(op)) continue;
      if (op.kind === "create-issue") {
        const parent = op.parent ? resolve(op.parent.issue) : undefined;
        if (op.parent && parent === undefined) continue; // its parent was never made: GitHub refuses
        const number = this.next++;
        made.set(op.taskId, number);
        this.issues.set(number, issue(number, op.body, op.title));
        if (parent !== undefined) this.append(parent, number);
      } else if (op.kind === "update-issue") {
        const target = this.issues.get(resolve(op.issue)!);
        if (!target) continue;
        if (op.marker) target.marker = op.marker;
        else if (op.body !== undefined) target.marker = readMarker(op.body) ?? target.marker;
      } else if (op.kind === "link-sub-issue") {
        const [parent, child] = [resolve(op.parent), resolve(op.child)];
        if (parent === undefined || child === undefined) continue;
        const current = this.issues.get(child)!.parent;
        if (current !== null) this.remove(current, child);
        this.append(parent, child);
      } else if (op.kind === "unlink-sub-issue") this.remove(op.parent.number, op.child.number);
      else if (op.kind === "order-sub-issues") {
        // A child whose create failed is left out; the rest are put in order (apply-operations.ts).
        const wanted = op.children.map(resolve).filter((n): n is number => n !== undefined);
        const now = this.children.get(op.parent.number) ?? [];
        this.children.set(op.parent.number, [
          ...wanted.filter((n) => now.includes(n)),
          ...now.filter((n) => !wanted.includes(n)),
        ]);
      }
    }
  }

  /** What a sync reads: the issues with their parent and sub-issue count. */
  remote(): RemoteState {
    const issues = [...this.issues.values()].map((i) => ({
      ...i,
      subIssues: this.children.get(i.number)?.length ?? 0,
    }));
    return { issues, milestones: [], labels: new Set(["plansync"]) };
  }

  /** The task IDs of a task's sub-issues, in GitHub's order. */
  subIssuesOf(taskId: string): string[] {
    const parent = [...this.issues.values()].find((i) => i.marker.id === taskId);
    if (!parent) return [];
    return (this.children.get(parent.number) ?? []).map((n) => this.issues.get(n)!.marker.id);
  }

  private append(parent: number, child: number) {
    this.children.set(parent, [...(this.children.get(parent) ?? []), child]);
    this.issues.get(child)!.parent = parent;
  }

  private remove(parent: number, child: number) {
    this.children.set(
      parent,
      (this.children.get(parent) ?? []).filter((n) => n !== child),
    );
    this.issues.get(child)!.parent = null;
  }
}

function issue(number: number, body: string, title: string): RemoteIssue {
  return {
    number,
    id: 1000 + number,
    parent: null,
    subIssues: 0,
    blockedBy: 0,
    title,
    body,
    state: "open",
    labels: ["plansync"],
    milestone: null,
    assignees: [],
    marker: readMarker(body)!,
  };
}
