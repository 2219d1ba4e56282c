import type { Logger } from "probot";
import { claimOf, isBot, plansyncIdentity, type AuthoredIssue, type Claim } from "../sync/issue-ownership.js";
import type { AppServices } from "./app-services.js";

/**
 * What an issue event's issue claims, judged from the payload alone (no request, no parse beyond
 * the marker). The handler drops only what no job could ever call plansync's: a person's issue
 * whose association rules out push access (a stranger's copied marker), logged. Everything else
 * marked goes to the job, which decides with the config (`authors:`) and asks GitHub.
 */
export async function issueClaim(issue: AuthoredIssue & { number: number }, services: AppServices, log: Logger) {
  // Unknown identity (GET /app failing): the job, which fails until it knows, decides.
  const creator = await services.creator();
  const claim: Claim = claimOf(issue, plansyncIdentity(creator ?? ""));
  if (claim.kind === "foreign" && !isBot(claim.author))
    log.warn(
      { issue: issue.number, author: claim.author, claims: claim.marker.id },
      "Ignoring an issue that claims to be plansync's: plansync did not make it and its author cannot push",
    );
  return claim;
}
