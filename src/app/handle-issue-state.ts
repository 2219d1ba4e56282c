import type { Context } from "probot";
import type { AppServices } from "./app-services.js";
import { worthAJob } from "../sync/issue-ownership.js";
import { issueClaim } from "./issue-claim.js";
import { queueWriteBack } from "./queue-write-back.js";

/**
 * An issue closed or reopened on GitHub. If its state already matches the marker, plansync made
 * the change itself (or already wrote it back): nothing to do, and no API call is made. Only
 * plansync's issues (issue-ownership.ts) are written back; a copied marker is ignored.
 */
export async function handleIssueState(context: Context<"issues">, services: AppServices): Promise<void> {
  const { issue, installation, repository } = context.payload;
  const claim = await issueClaim(issue, services, context.log);
  if (!worthAJob(claim)) return;
  if (claim.marker.state === issue.state) return;
  await queueWriteBack(
    services,
    { installationId: installation?.id, owner: repository.owner.login, repo: repository.name },
    [issue.number],
  );
}
