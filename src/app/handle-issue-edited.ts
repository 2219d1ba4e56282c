import type { Context } from "probot";
import { quickTicks } from "../writeback/issue-checklist.js";
import type { AppServices } from "./app-services.js";
import { worthAJob } from "../sync/issue-ownership.js";
import { issueClaim, sentByPlansync } from "./issue-claim.js";
import { queueWriteBack } from "./queue-write-back.js";

/**
 * An edited plansync issue whose checkbox lines changed ticks: the doc follows, through the same
 * write-back as closes (one commit, or the pull request). The handler parses no markdown: a
 * linear scan of checkbox lines decides whether a tick may have moved, and the job (which
 * re-reads the issue, so a late or stale event cannot apply an old body) decides the rest.
 * plansync's own edits and edits that leave the ticks alone cost no API call.
 */
export async function handleIssueEdited(context: Context<"issues.edited">, services: AppServices): Promise<void> {
  const { issue, installation, repository, changes, sender } = context.payload;
  const before = changes.body?.from;
  if (before === undefined || (await sentByPlansync(sender, services))) return;
  const claim = await issueClaim(issue, services, context.log);
  if (!worthAJob(claim) || claim.marker.adopted) return;
  const body = issue.body ?? "";
  const agreed = claim.marker.checks ?? quickTicks(before);
  if (quickTicks(body) === agreed) return;
  await queueWriteBack(
    services,
    { installationId: installation?.id, owner: repository.owner.login, repo: repository.name },
    [issue.number],
  );
}
