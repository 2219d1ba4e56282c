import type { Context } from "probot";
import { readMarker } from "../sync/marker.js";
import { checklistChanged, checklistDrifted } from "../writeback/issue-checklist.js";
import type { AppServices } from "./app-services.js";
import { queueWriteBack } from "./queue-write-back.js";

/**
 * An edited managed issue whose checklist ticks moved away from those the marker agreed on: the
 * doc follows, through the same write-back as closes (one commit, or the pull request). Edits
 * that leave the ticks alone, plansync's own re-renders included, cost no API call. The job
 * re-reads the issue when it runs, so a late or stale event cannot apply an old body.
 */
export async function handleIssueEdited(context: Context<"issues.edited">, services: AppServices): Promise<void> {
  const { issue, installation, repository, changes } = context.payload;
  const body = issue.body ?? "";
  const marker = readMarker(body);
  if (!marker) return;
  const before = changes.body?.from;
  const drifted =
    marker.checks !== undefined
      ? checklistDrifted(body, marker)
      : before !== undefined && checklistChanged(before, body);
  if (!drifted) return;
  await queueWriteBack(
    services,
    { installationId: installation?.id, owner: repository.owner.login, repo: repository.name },
    [issue.number],
  );
}
