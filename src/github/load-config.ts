import { readConfig, type ConfigResult } from "../config/read-config.js";
import type { Octokit, RepoRef } from "./octokit.js";

export const CONFIG_PATH = ".github/plansync.yml";

/**
 * Reads `.github/plansync.yml` through Probot's config plugin, which follows `_extends` and falls
 * back to the owner's `.github` repository, then validates it. No file at all means defaults.
 * `ref` reads it at a commit (a pull request's head); by default at the default branch. `path`
 * is another file's, for the Action's `config` input.
 */
export async function loadConfig(
  octokit: Octokit,
  repo: RepoRef,
  ref?: string,
  path = CONFIG_PATH,
): Promise<ConfigResult> {
  try {
    const { config } = await octokit.config.get({ ...repo, path, ...(ref && { branch: ref }) });
    return readConfig(Object.keys(config).length === 0 ? null : config);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, errors: [`${path} could not be read as YAML: ${reason}`] };
  }
}

/** How a job reads the config; the Action's reads another path, or forces a dry run. */
export type ConfigLoader = (octokit: Octokit, repo: RepoRef, ref?: string) => Promise<ConfigResult>;
