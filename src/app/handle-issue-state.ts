import type { Context } from "probot";
import { readMarker } from "../sync/marker.js";
import type { AppServices } from "./app-services.js";
import { queueWriteBack } from "./queue-write-back.js";

/**
 * An issue closed or reopened on GitHub. If its state already matches the marker, plansync made
 * the change itself (or already wrote it back): nothing to do, and no API call is made.
 */
export async function handleIssueState(context: Context<"issues">, services: AppServices): Promise<void> {
  const { issue, installation, repository } = context.payload;
  const marker = readMarker(issue.body);
  if (!marker || marker.state === issue.state) return;
  await queueWriteBack(
    services,
    { installationId: installation?.id, owner: repository.owner.login, repo: repository.name },
    [issue.number],
  );
}
