import type { Context } from "probot";
import { owesWriteBack } from "../sync/issue-event.js";
import type { AppServices } from "./app-services.js";
import { issueClaim } from "./issue-claim.js";
import { queueWriteBack } from "./queue-write-back.js";

/**
 * An edited plansync issue whose checkbox lines changed ticks: the doc follows, through the same
 * write-back as closes (one commit, or the pull request). The decision is every door's
 * (owesWriteBack); plansync's own edits and edits that leave the ticks alone cost no API call.
 */
export async function handleIssueEdited(context: Context<"issues.edited">, services: AppServices): Promise<void> {
  const { issue, installation, repository } = context.payload;
  if (context.payload.changes.body === undefined) return;
  const claim = await issueClaim(issue, services, context.log);
  if (!owesWriteBack(context.payload, claim, await services.creator())) return;
  await queueWriteBack(
    services,
    { installationId: installation?.id, owner: repository.owner.login, repo: repository.name },
    [issue.number],
  );
}
