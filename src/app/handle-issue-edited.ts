import type { Context } from "probot";
import { loadConfig } from "../github/load-config.js";
import { writeBackChecklist } from "../github/write-back-checklist.js";
import { readMarker } from "../sync/marker.js";
import { checklistChanged } from "../writeback/issue-checklist.js";
import type { AppServices } from "./app-services.js";

/**
 * An edited managed issue whose checklist ticks changed: the doc follows. Edits that leave the
 * ticks alone, plansync's own re-renders included, cost no API call.
 */
export async function handleIssueEdited(context: Context<"issues.edited">, { queue }: AppServices): Promise<void> {
  const { issue, repository, changes } = context.payload;
  const marker = readMarker(issue.body);
  const before = changes.body?.from;
  if (!marker || before === undefined || !checklistChanged(before, issue.body ?? "")) return;
  const repo = context.repo();
  const log = context.log.child({ repo: repository.full_name, issue: issue.number, task: marker.id });
  const edit = {
    number: issue.number,
    body: issue.body ?? "",
    marker,
    htmlUrl: repository.html_url,
    defaultBranch: repository.default_branch,
  };
  void queue.enqueue(repository.full_name, async () => {
    const loaded = await loadConfig(context.octokit, repo);
    if (!loaded.ok || !loaded.config.writeBack.enabled) return;
    await writeBackChecklist(context.octokit, repo, edit, loaded.config, log);
  });
}
