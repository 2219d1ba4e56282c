import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import type { FileDiagnostics } from "../sync/check-report.js";
import { pathsToVerify } from "../sync/paths-to-verify.js";
import { createPathMatcher } from "../sync/plan-paths.js";
import { reconcile } from "../sync/reconcile.js";
import type { DocsSnapshot, RemoteState } from "../sync/sync-types.js";
import { createScoper } from "../sync/task-scope.js";
import { assignTaskIds } from "./assign-task-ids.js";
import type { Octokit } from "./octokit.js";
import { readConfirmedRemovals } from "./post-check-run.js";
import { githubDocSource, readPlanFiles } from "./read-docs.js";
import { readRemoteState, withAllIssues } from "./read-remote-state.js";
import { requireIdentity } from "../sync/issue-ownership.js";
import { needsIssueTypes, typesConfigured } from "../sync/issue-type.js";
import { readIssueTypes } from "./read-issue-types.js";
import type { SyncTarget } from "./sync-repo.js";
import { withBoard } from "./with-board.js";

/**
 * The pure core's verdict on a commit, after reading every plan file if a task may have moved
 * out of the touched ones. With `assignIds` (a sync, not a preview), ID-less tasks are numbered
 * in a commit first when the config asks for it. With `fork` (a fork's preview), no board is
 * read: a fork's preview reads nothing outside the repository (with-board.ts).
 */
export async function decideSync(
  octokit: Octokit,
  target: SyncTarget,
  config: PlansyncConfig,
  log: Logger,
  { assignIds, fork = false }: { assignIds: boolean; fork?: boolean },
) {
  const identity = requireIdentity(target.creator, config);
  let remote = withUserTypes(await readRemoteState(octokit, target.repo, identity), target, config);
  const options = {
    confirmedRemovals: await readConfirmedRemovals(octokit, target.repo, config, identity),
    skipRemovals: target.skipRemovals === true,
  };
  const verdict = async (docs: DocsSnapshot) => {
    // The boards the docs name, read only when some task has one, and never for a fork (with-board.ts).
    remote = await withBoard(octokit, remote, docs, config, { fork });
    let result = reconcile(docs, remote, config, options);
    if (!remote.candidates && result.operations.some((op) => op.kind === "create-issue")) {
      remote = await withAllIssues(octokit, target.repo, remote, identity, target.creator!);
      result = reconcile(docs, remote, config, options);
    }
    // The owner's issue types, read once and only when the verdict may turn on them (issue-type.ts).
    if (remote.issueTypes !== undefined || !needsIssueTypes(config, result.operations, remote.issues)) return result;
    const issueTypes = await readIssueTypes(octokit, target.repo);
    if (issueTypes === undefined) return result;
    remote = { ...remote, issueTypes };
    return reconcile(docs, remote, config, options);
  };
  const read = await readDocs(octokit, target, config, remote);
  // With ids.assign, ID-less tasks are numbered in a commit first; the sync then reads that commit.
  const numbered = assignIds ? await assignTaskIds(octokit, target, config, read, remote, log) : null;
  const at = numbered === null ? target : { ...target, sha: numbered };
  const docs = numbered === null ? read : await readDocs(octokit, at, config, remote);
  const result = await verdict(docs);
  if (!result.needsFullScan) return { docs, remote, result };
  log.info("A task is missing from the files pushed; reading every plan file before removing anything");
  const all = await readDocs(octokit, { ...at, paths: "all" }, config, remote);
  return { docs: all, remote, result: await verdict(all) };
}

/**
 * A user's repository has no issue types (github-facts.md): when the door knows the owner is a
 * user, that is the answer, with no query, and the check run says so in one line.
 */
function withUserTypes(remote: RemoteState, target: SyncTarget, config: PlansyncConfig): RemoteState {
  return target.ownerKind === "User" && typesConfigured(config) ? { ...remote, issueTypes: null } : remote;
}

async function readDocs(
  octokit: Octokit,
  target: SyncTarget,
  config: PlansyncConfig,
  remote: RemoteState,
): Promise<DocsSnapshot> {
  const options = {
    idPrefixes: config.ids.prefixes,
    taskStatus: config.taskFiles.status,
    featureMilestones: config.milestones.enabled && config.milestones.features,
  };
  const matches = createPathMatcher(config.paths);
  const all = target.paths === "all";
  const touched = target.paths === "all" ? { present: [], removed: [] } : target.paths;
  const source = target.source ?? githubDocSource(octokit, target.repo, target.sha);
  const listing = all ? await source.list() : null;
  const wanted = listing ? listing.paths.filter(matches) : touched.present;
  const blobs = listing && target.cache ? { cache: target.cache, shas: listing.shas } : undefined;
  const read = await readPlanFiles(source, wanted, options, blobs);
  // A pushed file missing at the synced commit was deleted since: it counts as removed.
  const covered = new Set([...wanted, ...touched.removed]);
  const docs: DocsSnapshot = {
    ...target.repo,
    sha: target.sha,
    htmlUrl: target.htmlUrl,
    files: read.files,
    coveredPaths: covered,
    complete: listing?.complete ?? false,
    exhausted: listing !== null && !listing.complete,
  };
  const verify = all ? [] : pathsToVerify(docs, remote, createScoper(config.ids.scopes));
  if (verify.length === 0) return docs;
  const extra = await readPlanFiles(source, verify, options);
  verify.forEach((p) => covered.add(p));
  return { ...docs, files: [...docs.files, ...extra.files] };
}

export function fileDiagnostics(
  docs: DocsSnapshot,
  crossFile: Map<string, FileDiagnostics["diagnostics"]>,
): FileDiagnostics[] {
  return docs.files.map(({ path, plan }) => ({
    path,
    diagnostics: [...plan.diagnostics, ...(crossFile.get(path) ?? [])],
  }));
}
