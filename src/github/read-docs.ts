import { parsePlan, type ParseOptions } from "../plan/index.js";
import type { PlanFile } from "../sync/sync-types.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";

/** A file's text at a commit, or null when it does not exist there. One request. */
export async function readFileAt(octokit: Octokit, repo: RepoRef, path: string, ref: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref, mediaType: { format: "raw" } });
    return typeof data === "string" ? data : null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Reads and parses plan files one at a time; returns the parsed ones and the paths that are gone. */
export async function readPlanFiles(
  octokit: Octokit,
  repo: RepoRef,
  paths: readonly string[],
  ref: string,
  options: ParseOptions,
) {
  const files: PlanFile[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const text = await readFileAt(octokit, repo, path, ref);
    if (text === null) missing.push(path);
    else files.push({ path, plan: parsePlan(text, options) });
  }
  return { files, missing };
}

/** Every blob path in the commit's tree: one request, however many files. */
export async function listTreePaths(octokit: Octokit, repo: RepoRef, sha: string): Promise<string[]> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: sha, recursive: "1" });
  if (data.truncated)
    throw new Error(`The tree of ${sha} is too large for one listing; plansync cannot scan it whole.`);
  return data.tree.filter((entry) => entry.type === "blob" && entry.path).map((entry) => entry.path!);
}
