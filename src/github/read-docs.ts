import { parsePlan, type ParseOptions, type Plan } from "../plan/index.js";
import { applyFeatureMilestones } from "../sync/feature-milestone.js";
import type { PlanFile } from "../sync/sync-types.js";
import { blobKey, type BlobCache } from "./blob-cache.js";
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

/** A blob cache and the blob shas of the commit's files (from its tree listing), when known. */
export interface KnownBlobs {
  cache: BlobCache;
  shas: ReadonlyMap<string, string>;
}

/**
 * Where a sync reads the docs: the repository at a commit (the app, the Action, `--ref`), or a
 * local working tree (the CLI). Either way the same parser and the same core see them.
 */
export interface DocSource {
  /** Every file path, with blob shas when known (they key the blob cache). */
  list(): Promise<TreeListing>;
  /** A file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
}

/** The docs of `repo` at commit `sha`, read through the contents and trees APIs. */
export function githubDocSource(octokit: Octokit, repo: RepoRef, sha: string): DocSource {
  return { list: () => listTreePaths(octokit, repo, sha), read: (path) => readFileAt(octokit, repo, path, sha) };
}

/**
 * Reads and parses plan files one at a time; returns the parsed ones and the paths that are gone.
 * A file whose blob was parsed before with the same options is neither read nor parsed again.
 */
export async function readPlanFiles(
  source: DocSource,
  paths: readonly string[],
  options: ReadPlanOptions,
  blobs?: KnownBlobs,
) {
  const files: PlanFile[] = [];
  const missing: string[] = [];
  const texts = new Map<string, string | null>();
  const parseOptions = { idPrefixes: options.idPrefixes ?? [] };
  for (const path of paths) {
    const sha = blobs?.shas.get(path);
    const key = sha && blobKey("plan", sha, parseOptions);
    const cached = key ? await blobs!.cache.get(key) : undefined;
    if (cached !== undefined) {
      files.push({ path, plan: JSON.parse(cached) as Plan });
      continue;
    }
    const text = await source.read(path);
    texts.set(path, text);
    if (text === null) missing.push(path);
    else files.push({ path, plan: parsePlan(text, options) });
    if (key && text !== null) await blobs!.cache.set(key, JSON.stringify(files.at(-1)!.plan));
  }
  if (!options.featureMilestones) return { files, missing };
  // A spec that is itself a plan path (spec-kit's spec.md under specs/**) may have been read above.
  const readSpec = async (path: string) => {
    const sha = blobs?.shas.get(path);
    const key = sha && blobKey("text", sha);
    const known = texts.get(path) ?? (key ? await blobs!.cache.get(key) : undefined);
    const text = known !== undefined ? known : await source.read(path);
    if (key && text !== null) await blobs!.cache.set(key, text);
    return text;
  };
  return { files: await applyFeatureMilestones(files, readSpec), missing };
}

/** Tree requests one scan may make: a huge monorepo is scanned as far as this goes. */
const TREE_REQUESTS = 300;

export interface TreeListing {
  paths: string[];
  /** Each listed file's blob sha, by path. */
  shas: Map<string, string>;
  /** False when a listing was still truncated after walking down as far as the budget allows. */
  complete: boolean;
}

/**
 * Every blob path in the commit's tree. One request, unless GitHub truncates the recursive
 * listing (over 100,000 entries or 7 MB): then the level is listed alone and each subtree
 * recursively on its own, walking down only where a listing is still too large.
 */
export async function listTreePaths(octokit: Octokit, repo: RepoRef, sha: string): Promise<TreeListing> {
  const shas = new Map<string, string>();
  const budget = { left: TREE_REQUESTS };
  const complete = await listUnder(octokit, repo, sha, "", shas, budget);
  return { paths: [...shas.keys()], shas, complete };
}

async function listUnder(
  octokit: Octokit,
  repo: RepoRef,
  tree: string,
  prefix: string,
  shas: Map<string, string>,
  budget: { left: number },
): Promise<boolean> {
  if (budget.left-- <= 0) return false;
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree, recursive: "1" });
  if (!data.truncated) {
    for (const entry of data.tree)
      if (entry.type === "blob" && entry.path && entry.sha) shas.set(prefix + entry.path, entry.sha);
    return true;
  }
  if (budget.left-- <= 0) return false;
  const { data: level } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree });
  let complete = !level.truncated;
  for (const entry of level.tree) {
    if (!entry.path || !entry.sha) continue;
    if (entry.type === "blob") shas.set(prefix + entry.path, entry.sha);
    else if (entry.type === "tree")
      complete = (await listUnder(octokit, repo, entry.sha, `${prefix}${entry.path}/`, shas, budget)) && complete;
  }
  return complete;
}
