import type { Logger } from "probot";
import { claimOf, plansyncIdentity, type AuthoredIssue, type Claim } from "../sync/issue-ownership.js";
import type { AppServices } from "./app-services.js";

/**
 * What an issue event's issue claims, judged from the payload alone (no request, no parse beyond
 * the marker). A foreign claim (a stranger's copied marker) is logged and dropped here; `ours`
 * and `ask` go on to the job, which asks GitHub about the author before trusting an `ask`.
 */
export async function issueClaim(issue: AuthoredIssue & { number: number }, services: AppServices, log: Logger) {
  const creator = await services.creator();
  // Unknown identity: the job (which fails until it knows) decides; nothing is trusted here.
  const claim: Claim = claimOf(issue, plansyncIdentity(creator ?? ""));
  if (claim.kind === "foreign")
    log.warn(
      { issue: issue.number, author: claim.author, claims: claim.marker.id },
      "Ignoring an issue that claims to be plansync's: plansync did not make it and its author cannot push",
    );
  return claim;
}

/** True when the event's sender is the app itself: its own edits need nothing from it. */
export async function sentByPlansync(sender: { login: string } | undefined, services: AppServices) {
  const creator = await services.creator();
  return creator !== null && sender?.login.toLowerCase() === creator.toLowerCase();
}
