import { quickTicks } from "../writeback/issue-checklist.js";
import { worthAJob, type Claim } from "./issue-ownership.js";

/** The parts of an `issues` event (webhook or workflow payload) a write-back is decided on. */
export interface IssueEvent {
  action: string;
  issue: { state?: string; body?: string | null };
  changes?: { body?: { from: string } };
  sender?: { login: string } | null;
}

/**
 * Whether an `issues` event may owe the doc a write-back, for every door: closed or reopened
 * away from the marker's state, or edited so that the checklist's ticks moved. Decided from the
 * payload alone (no request, no markdown parse: a linear scan of checkbox lines); the write-back
 * re-reads the issue, so a late or stale event cannot apply an old body. plansync's own changes
 * (the state already in the marker, an edit its bot identity sent) and issues that are not
 * plansync's (`claim`, issue-ownership.ts) owe nothing. The sender check is for a bot only: a
 * person's token (the Action's `token:`) is also that person's hand, and the marker's `checks`,
 * which plansync's own edits keep in step with the body, tell the two apart.
 */
export function owesWriteBack(event: IssueEvent, claim: Claim, creator: string | null): boolean {
  if (!worthAJob(claim)) return false;
  if (event.action === "closed" || event.action === "reopened") return claim.marker.state !== event.issue.state;
  if (event.action !== "edited") return false;
  const before = event.changes?.body?.from;
  const bot = creator !== null && creator.toLowerCase().endsWith("[bot]");
  const ownEdit = bot && event.sender?.login.toLowerCase() === creator.toLowerCase();
  // An epic's marker `checks` are its stories' ticks (epic-state.ts): an edit of its body owes none.
  if (before === undefined || ownEdit || claim.marker.adopted || claim.marker.epic) return false;
  return quickTicks(event.issue.body ?? "") !== (claim.marker.checks ?? quickTicks(before));
}
