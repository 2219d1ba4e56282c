import type { Context } from "probot";
import { loadConfig } from "../github/load-config.js";
import { writeBack } from "../github/write-back.js";
import { readMarker } from "../sync/marker.js";
import type { AppServices } from "./app-services.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An issue closed or reopened on GitHub. If its state already matches the marker, plansync made
 * the change itself (or already wrote it back): nothing to do, and no API call is made.
 */
export async function handleIssueState(context: Context<"issues">, { scheduler, creator }: AppServices): Promise<void> {
  const { issue, repository } = context.payload;
  const marker = readMarker(issue.body);
  if (!marker || marker.state === issue.state) return;
  const repo = context.repo();
  const log = context.log.child({ repo: repository.full_name, issue: issue.number, task: marker.id });
  scheduler.schedule(repository.full_name, issue.number, async (numbers) => {
    const loaded = await loadConfig(context.octokit, repo);
    if (!loaded.ok || !loaded.config.writeBack.enabled) {
      log.info({ reason: loaded.ok ? "writeBack.enabled is false" : loaded.errors }, "Not writing back");
      return;
    }
    await writeBack(context.octokit, repo, numbers, loaded.config, log, { sleep, creator: await creator() });
  });
}
