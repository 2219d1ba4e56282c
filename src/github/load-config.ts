import { parse } from "yaml";
import { readConfig, type ConfigResult } from "../config/read-config.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";

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
loadConfig.path = CONFIG_PATH;

/**
 * How a job reads the config; the Action's reads another path, or forces a dry run. `path` is
 * the file it reads, so that "did this change the config" asks about that file, in one place.
 */
export interface ConfigLoader {
  (octokit: Octokit, repo: RepoRef, ref?: string): Promise<ConfigResult>;
  path: string;
}

/**
 * The client as a config loader sees it, reading the config from `repo` alone: `_extends` is
 * dropped (`ignoredExtends` then says so) and the owner's `.github` repository is not asked. For
 * a fork's pull request, whose head would choose what `_extends` reads: the installation token
 * can read every repository the app is installed on, and the preview's check run is public.
 */
export function repositoryOnly(octokit: Octokit, repo: RepoRef): { octokit: Octokit; ignoredExtends: () => boolean } {
  let ignored = false;
  const get = async (options: { owner: string; repo: string; path: string; branch?: string }) => {
    const same = options.owner.toLowerCase() === repo.owner.toLowerCase() && options.repo === repo.repo;
    const config = same ? await readConfigFile(octokit, repo, options.path, options.branch) : null;
    if (config !== null && "_extends" in config) {
      delete config._extends;
      ignored = true;
    }
    return { files: [], config: config ?? {} };
  };
  const { rest, paginate, request, hook, log } = octokit;
  const config = { get } as unknown as Octokit["config"];
  return { octokit: { rest, paginate, request, hook, log, config }, ignoredExtends: () => ignored };
}

/** One file parsed as the config plugin parses it (YAML, empty is `{}`); null when there is none. */
async function readConfigFile(
  octokit: Octokit,
  repo: RepoRef,
  path: string,
  ref?: string,
): Promise<Record<string, unknown> | null> {
  let data: unknown;
  try {
    ({ data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...repo,
      path,
      ...(ref && { ref }),
      mediaType: { format: "raw" },
    }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  if (typeof data !== "string") throw new Error(`${path} is not a file`);
  const parsed: unknown = parse(data, { logLevel: "error" }) || {};
  if (typeof parsed !== "object" || parsed === null) throw new Error("YAML is not an object");
  return parsed as Record<string, unknown>;
}
