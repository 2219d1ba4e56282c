import type { Context } from "probot";
import { owesWriteBack } from "../sync/issue-event.js";
import type { AppServices } from "./app-services.js";
import { issueClaim } from "./issue-claim.js";
import { queueWriteBack } from "./queue-write-back.js";

/**
 * An issue closed or reopened on GitHub. If its state already matches the marker, plansync made
 * the change itself (or already wrote it back): nothing to do, and no API call is made. Only
 * plansync's issues (issue-ownership.ts) are written back; a copied marker is ignored. The
 * decision is every door's (owesWriteBack).
 */
export async function handleIssueState(context: Context<"issues">, services: AppServices): Promise<void> {
  const { action, issue, installation, repository } = context.payload;
  const claim = await issueClaim(issue, services, context.log);
  if (!owesWriteBack({ action, issue }, claim, await services.creator())) return;
  await queueWriteBack(
    services,
    { installationId: installation?.id, owner: repository.owner.login, repo: repository.name },
    [issue.number],
  );
}
