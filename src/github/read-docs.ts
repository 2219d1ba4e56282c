import { parsePlan, type ParseOptions } from "../plan/index.js";
import { applyFeatureMilestones } from "../sync/feature-milestone.js";
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

export interface ReadPlanOptions extends ParseOptions {
  /** Name a milestone after each spec-kit, Kiro or OpenSpec feature whose tasks name none. */
  featureMilestones: boolean;
}

/** Reads and parses plan files one at a time; returns the parsed ones and the paths that are gone. */
export async function readPlanFiles(
  octokit: Octokit,
  repo: RepoRef,
  paths: readonly string[],
  ref: string,
  options: ReadPlanOptions,
) {
  const files: PlanFile[] = [];
  const missing: string[] = [];
  const texts = new Map<string, string | null>();
  for (const path of paths) {
    const text = await readFileAt(octokit, repo, path, ref);
    texts.set(path, text);
    if (text === null) missing.push(path);
    else files.push({ path, plan: parsePlan(text, options) });
  }
  if (!options.featureMilestones) return { files, missing };
  // A spec that is itself a plan path (spec-kit's spec.md under specs/**) was read above.
  const readSpec = async (path: string) => {
    const known = texts.get(path);
    return known !== undefined ? known : readFileAt(octokit, repo, path, ref);
  };
  return { files: await applyFeatureMilestones(files, readSpec), missing };
}

/** Tree requests one scan may make: a huge monorepo is scanned as far as this goes. */
const TREE_REQUESTS = 300;

export interface TreeListing {
  paths: string[];
  /** False when a listing was still truncated after walking down as far as the budget allows. */
  complete: boolean;
}

/**
 * Every blob path in the commit's tree. One request, unless GitHub truncates the recursive
 * listing (over 100,000 entries or 7 MB): then the level is listed alone and each subtree
 * recursively on its own, walking down only where a listing is still too large.
 */
export async function listTreePaths(octokit: Octokit, repo: RepoRef, sha: string): Promise<TreeListing> {
  const paths: string[] = [];
  const budget = { left: TREE_REQUESTS };
  const complete = await listUnder(octokit, repo, sha, "", paths, budget);
  return { paths, complete };
}

async function listUnder(
  octokit: Octokit,
  repo: RepoRef,
  tree: string,
  prefix: string,
  paths: string[],
  budget: { left: number },
): Promise<boolean> {
  if (budget.left-- <= 0) return false;
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree, recursive: "1" });
  if (!data.truncated) {
    for (const entry of data.tree) if (entry.type === "blob" && entry.path) paths.push(prefix + entry.path);
    return true;
  }
  if (budget.left-- <= 0) return false;
  const { data: level } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree });
  let complete = !level.truncated;
  for (const entry of level.tree) {
    if (!entry.path || !entry.sha) continue;
    if (entry.type === "blob") paths.push(prefix + entry.path);
    else if (entry.type === "tree")
      complete = (await listUnder(octokit, repo, entry.sha, `${prefix}${entry.path}/`, paths, budget)) && complete;
  }
  return complete;
}
