import { MAX_PLAN_BYTES, type ParseOptions, type Plan } from "../plan/index.js";
import { featureMilestoneName, wantsFeatureMilestone, withFeatureMilestone } from "../sync/feature-milestone.js";
import type { PlanFile } from "../sync/sync-types.js";
import { planParser } from "../workers/plan-parser.js";
import { isUnreadable } from "../plan/index.js";
import { tooLargePlan } from "../workers/stopped-plan.js";
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
  /** A file's size in bytes when known without reading it (from a listing made earlier). */
  sizeOf?(path: string): number | undefined;
}

/**
 * The docs of `repo` at commit `sha`, read through the contents and trees APIs. Sizes come from
 * the tree listing, so a full scan never downloads a file too large to read.
 */
export function githubDocSource(octokit: Octokit, repo: RepoRef, sha: string): DocSource {
  let sizes: ReadonlyMap<string, number> = new Map();
  return {
    list: async () => {
      const listing = await listTreePaths(octokit, repo, sha);
      sizes = listing.sizes ?? sizes;
      return listing;
    },
    read: (path) => readFileAt(octokit, repo, path, sha),
    sizeOf: (path) => sizes.get(path),
  };
}

/**
 * Reads and parses plan files one at a time; returns the parsed ones and the paths that are gone.
 * A file whose blob was parsed before with the same options is neither read nor parsed again.
 * Parsing goes through the process's parser (the App's worker pool); a file over the size cap,
 * or one the parser refused or the pool gave up on, comes back as an unreadable plan: reported,
 * and never cached, so a later sync tries it again (a time budget depends on the machine's load).
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
  const parseOptions = { idPrefixes: options.idPrefixes ?? [], taskStatus: options.taskStatus };
  for (const path of paths) {
    const sha = blobs?.shas.get(path);
    const key = sha && blobKey("plan", sha, parseOptions);
    const cached = key ? await blobs!.cache.get(key) : undefined;
    if (cached !== undefined) {
      files.push({ path, plan: JSON.parse(cached) as Plan });
      continue;
    }
    const read = await readPlanFile(source, path, parseOptions);
    texts.set(path, read.text);
    if (read.plan === null) missing.push(path);
    else files.push({ path, plan: read.plan });
    if (key && read.plan && !isUnreadable(read.plan)) await blobs!.cache.set(key, JSON.stringify(read.plan));
  }
  if (!options.featureMilestones) return { files, missing };
  // A spec that is itself a plan path (spec-kit's spec.md under specs/**) may have been read above.
  const readSpec = async (path: string) => {
    const sha = blobs?.shas.get(path);
    const key = sha && blobKey("text", sha);
    const known = texts.get(path) ?? (key ? await blobs!.cache.get(key) : undefined);
    const text = known !== undefined ? known : await readCapped(source, path);
    if (key && text !== null) await blobs!.cache.set(key, text);
    return text;
  };
  return { files: await nameFeatureMilestones(files, readSpec), missing };
}

/** One file's text and plan; both null when the file does not exist, the text null when too large. */
async function readPlanFile(source: DocSource, path: string, options: ParseOptions) {
  const known = source.sizeOf?.(path);
  if (known !== undefined && known > MAX_PLAN_BYTES) return { text: null, plan: tooLargePlan(known) };
  const text = await source.read(path);
  if (text === null) return { text, plan: null };
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_PLAN_BYTES) return { text: null, plan: tooLargePlan(bytes) };
  return { text, plan: await planParser()(text, options) };
}

/** A file's text, or null when it does not exist or is over the size cap (a spec too big names nothing). */
async function readCapped(source: DocSource, path: string): Promise<string | null> {
  if ((source.sizeOf?.(path) ?? 0) > MAX_PLAN_BYTES) return null;
  const text = await source.read(path);
  return text !== null && Buffer.byteLength(text) > MAX_PLAN_BYTES ? null : text;
}

/**
 * Gives each feature's task list its feature milestone, as `withFeatureMilestones` does, but with
 * each spec parsed by the process's parser: a spec is a tenant's doc like any other.
 */
async function nameFeatureMilestones(
  files: readonly PlanFile[],
  readText: (path: string) => Promise<string | null>,
): Promise<PlanFile[]> {
  const headings = new Map<string, string | null>();
  const named: PlanFile[] = [];
  for (const file of files) {
    const feature = wantsFeatureMilestone(file);
    if (!feature) {
      named.push(file);
      continue;
    }
    if (!headings.has(feature.specPath))
      headings.set(feature.specPath, await specTitle(files, feature.specPath, readText));
    const title = featureMilestoneName(feature, file.plan, headings.get(feature.specPath)!);
    named.push({ ...file, plan: withFeatureMilestone(file.plan, title) });
  }
  return named;
}

/** A spec's first heading; a spec read as a plan file already (spec-kit's spec.md) is not parsed twice. */
async function specTitle(
  files: readonly PlanFile[],
  path: string,
  readText: (path: string) => Promise<string | null>,
): Promise<string | null> {
  const parsed = files.find((f) => f.path === path);
  if (parsed) return parsed.plan.title;
  const spec = await readText(path);
  return spec === null ? null : (await planParser()(spec, {})).title;
}

/** Tree requests one scan may make: a huge monorepo is scanned as far as this goes. */
const TREE_REQUESTS = 300;

export interface TreeListing {
  paths: string[];
  /** Each listed file's blob sha, by path. */
  shas: Map<string, string>;
  /** Each listed file's size in bytes, by path, when the listing gives it. */
  sizes?: Map<string, number>;
  /** False when a listing was still truncated after walking down as far as the budget allows. */
  complete: boolean;
}

/**
 * Every blob path in the commit's tree. One request, unless GitHub truncates the recursive
 * listing (over 100,000 entries or 7 MB): then the level is listed alone and each subtree
 * recursively on its own, walking down only where a listing is still too large.
 */
export async function listTreePaths(octokit: Octokit, repo: RepoRef, sha: string): Promise<TreeListing> {
  const blobs: Blobs = { shas: new Map(), sizes: new Map() };
  const budget = { left: TREE_REQUESTS };
  const complete = await listUnder(octokit, repo, sha, "", blobs, budget);
  return { paths: [...blobs.shas.keys()], ...blobs, complete };
}

interface Blobs {
  shas: Map<string, string>;
  sizes: Map<string, number>;
}

function addBlob(blobs: Blobs, path: string, entry: { sha?: string; size?: number }): void {
  blobs.shas.set(path, entry.sha!);
  if (entry.size !== undefined) blobs.sizes.set(path, entry.size);
}

async function listUnder(
  octokit: Octokit,
  repo: RepoRef,
  tree: string,
  prefix: string,
  blobs: Blobs,
  budget: { left: number },
): Promise<boolean> {
  if (budget.left-- <= 0) return false;
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree, recursive: "1" });
  if (!data.truncated) {
    for (const entry of data.tree)
      if (entry.type === "blob" && entry.path && entry.sha) addBlob(blobs, prefix + entry.path, entry);
    return true;
  }
  if (budget.left-- <= 0) return false;
  const { data: level } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree });
  let complete = !level.truncated;
  for (const entry of level.tree) {
    if (!entry.path || !entry.sha) continue;
    if (entry.type === "blob") addBlob(blobs, prefix + entry.path, entry);
    else if (entry.type === "tree")
      complete = (await listUnder(octokit, repo, entry.sha, `${prefix}${entry.path}/`, blobs, budget)) && complete;
  }
  return complete;
}
