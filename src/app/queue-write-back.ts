import type { Logger } from "probot";
import { loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { writeBack } from "../github/write-back.js";
import type { AppServices } from "./app-services.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Puts issues into the repository's write-back window: an `issues.closed` event does, and so
 * does every sync that finds an issue whose box never followed it (the drift sweep). The job
 * re-reads each issue and the config when it runs, so a late or repeated entry is harmless.
 */
export function queueWriteBack(
  octokit: Octokit,
  repo: RepoRef,
  numbers: readonly number[],
  services: AppServices,
  log: Logger,
): void {
  const key = `${repo.owner}/${repo.repo}`;
  for (const number of numbers)
    services.scheduler.schedule(key, number, async (batch) => {
      const loaded = await loadConfig(octokit, repo);
      if (!loaded.ok || !loaded.config.writeBack.enabled) {
        log.info({ reason: loaded.ok ? "writeBack.enabled is false" : loaded.errors }, "Not writing back");
        return;
      }
      await writeBack(octokit, repo, batch, loaded.config, log, { sleep, creator: await services.creator() });
    });
}
