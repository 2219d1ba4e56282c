import type { Logger } from "probot";
import { loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { writeBack } from "../github/write-back.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes the current state of the given issues back into their docs. Each issue and the config
 * are read when the job runs, so a late, repeated or merged entry is harmless.
 */
export async function runWriteBack(
  octokit: Octokit,
  repo: RepoRef,
  issues: readonly number[],
  { creator, log }: { creator: string | null; log: Logger },
): Promise<void> {
  const loaded = await loadConfig(octokit, repo);
  if (!loaded.ok || !loaded.config.writeBack.enabled) {
    log.info({ reason: loaded.ok ? "writeBack.enabled is false" : loaded.errors }, "Not writing back");
    return;
  }
  await writeBack(octokit, repo, issues, loaded.config, log, { sleep, creator });
}
