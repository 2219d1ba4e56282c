import type { Logger } from "probot";
import { loadConfig, type ConfigLoader } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { Reporter } from "../github/reporter.js";
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
  {
    creator,
    log,
    reporter,
    readConfig = loadConfig,
  }: { creator: string | null; log: Logger; reporter?: Reporter; readConfig?: ConfigLoader },
): Promise<void> {
  const loaded = await readConfig(octokit, repo);
  if (!loaded.ok || !loaded.config.writeBack.enabled || loaded.config.dryRun) {
    const reason = !loaded.ok ? loaded.errors : loaded.config.dryRun ? "dryRun is on" : "writeBack.enabled is false";
    log.info({ reason }, "Not writing back");
    return;
  }
  await writeBack(octokit, repo, issues, loaded.config, log, { sleep, creator, reporter });
}
