import { relative, resolve, sep } from "node:path";
import type { PlansyncConfig } from "../config/config-schema.js";
import { decideSync, fileDiagnostics } from "../github/decide-sync.js";
import { readBranchHead } from "../github/read-branch-head.js";
import { syncRepo, type SyncTarget } from "../github/sync-repo.js";
import { onRateLimitWait } from "../github/throttle-handlers.js";
import { pushAccess } from "../github/push-access.js";
import { createPathMatcher } from "../sync/plan-paths.js";
import type { RemoteIssue } from "../sync/sync-types.js";
import { InputError } from "./cli-errors.js";
import type { CommandIo } from "./command-io.js";
import { checkoutHead } from "./git-checkout.js";
import { openSession, sessionConfig, type GitHubSession } from "./github-session.js";
import { localDocSource } from "./local-doc-source.js";
import { progressLine } from "./progress-line.js";
import { cliReporter } from "./cli-reporter.js";
import { renderSyncPlan, syncPlanJson, type SyncPlan } from "./render-sync-plan.js";

export interface SyncArgs {
  repo?: string;
  ref?: string;
  dryRun: boolean;
  json: boolean;
  paths: string[];
  /** `plansync adopt`: a sync with `adopt: true`, for a token whose user can push. */
  adopt?: boolean;
  /** Sync the working tree even when its checkout is not the synced branch's head on GitHub. */
  force?: boolean;
}

/**
 * `plansync sync`: the app's sync, run with a token. The docs come from the working tree (or
 * from GitHub at `--ref`), the decision from the same core, the writes through the same applier
 * and write policy. Exit 0, or 1 when the docs have errors or GitHub refused something.
 */
export async function syncCommand(args: SyncArgs, io: CommandIo, env: NodeJS.ProcessEnv, cwd: string) {
  const session = await openSession(args.repo, env, cwd);
  const loaded = await sessionConfig(session, args.ref ?? null);
  if (!loaded.ok) {
    io.err(
      `plansync: .github/plansync.yml is invalid; nothing was synced. Fix these:\n  ${loaded.errors.join("\n  ")}`,
    );
    return 1;
  }
  if (args.adopt) await requirePush(session);
  const config = args.adopt ? { ...loaded.config, adopt: true } : loaded.config;
  const target = await syncTarget(session, config, args, cwd, io);
  if (args.dryRun) return dryRun(session, target, config, args, io);
  const progress = progressLine(io);
  const stopWaits = onRateLimitWait((_, seconds) => progress.waiting(seconds));
  try {
    const outcome = await syncRepo(session.octokit, target, config, session.log, {
      reporter: cliReporter(io, args.json),
      onProgress: (op, done, total) => progress.applied(op, done, total),
    });
    progress.end();
    if (outcome.skippedRemovals.length > 0) io.err(skippedNote(outcome.skippedRemovals));
    if (outcome.writeBacks.length > 0)
      io.err(
        `${outcome.writeBacks.length} issue${outcome.writeBacks.length === 1 ? " was" : "s were"} closed or reopened on GitHub while the doc says otherwise: \`plansync pull\` ticks the boxes here.`,
      );
    return outcome.report.conclusion === "failure" ? 1 : 0;
  } finally {
    stopWaits();
  }
}

/** Why issues whose task is missing here were left open. */
function skippedNote(skipped: readonly RemoteIssue[]): string {
  const rows = skipped.map((i) => `  #${i.number} ${i.marker.id} (${i.marker.file})`);
  return `plansync: ${skipped.length} removal${skipped.length === 1 ? "" : "s"} skipped: a sync from a working tree never closes or labels an issue whose task is missing, since the task may have been added upstream. Push the change; the app or Action removes them, or run \`plansync sync --ref <branch>\`:\n${rows.join("\n")}`;
}

/** Adopting hands an issue's author its task's box: only someone who can push may decide that. */
async function requirePush(session: GitHubSession): Promise<void> {
  const who = session.creator;
  if (who !== null && (await pushAccess(session.octokit, session.repo, [who]))(who)) return;
  const where = `${session.repo.owner}/${session.repo.repo}`;
  throw new InputError(
    `${who ?? "this token"} cannot push to ${where}, and only people who can push may adopt issues: run it with such a person's token, or ask one to set \`adopt: true\` in .github/plansync.yml`,
  );
}

async function syncTarget(
  session: GitHubSession,
  config: PlansyncConfig,
  args: SyncArgs,
  cwd: string,
  io: CommandIo,
): Promise<SyncTarget> {
  const base = {
    repo: session.repo,
    htmlUrl: session.htmlUrl,
    creator: session.creator,
    ...(session.ownerKind && { ownerKind: session.ownerKind }),
  };
  const paths = args.paths.length === 0 ? ("all" as const) : planPaths(session, config, args.paths, cwd, io);
  if (args.ref === undefined) {
    // Issue links point at the commit checked out; the text is the working tree's, saved or not.
    const head = checkoutHead(session.root);
    await requireBranchHead(session, config, head, args, io);
    // A task missing here may be one added upstream: a working tree's sync removes nothing.
    return { ...base, sha: head ?? "HEAD", paths, source: localDocSource(session.root), skipRemovals: true };
  }
  const sha = (await readBranchHead(session.octokit, session.repo, args.ref)) ?? commitSha(args.ref);
  return { ...base, sha, paths };
}

/**
 * The working tree is the truth only at the synced branch's head: from an older checkout, tasks
 * added upstream look removed and boxes ticked upstream look unticked, so a sync would roll
 * GitHub back. One read; a dry run is told, a sync refuses unless `--force`. A checkout whose
 * HEAD git cannot name (outside git, or no commit yet) is no proof of being at the head either.
 */
async function requireBranchHead(
  session: GitHubSession,
  config: PlansyncConfig,
  head: string | null,
  args: SyncArgs,
  io: CommandIo,
): Promise<void> {
  if (args.force) return;
  if (head === null) {
    const message = `git cannot read this directory's HEAD (it is not a git checkout, or has no commit yet), so plansync cannot tell whether these docs are ${config.branch ?? session.defaultBranch}'s head; syncing older docs would undo what changed upstream (issues of tasks added there closed, boxes ticked there reopened). Sync from a clone at the branch's head, or pass --force to sync these files anyway`;
    if (args.dryRun) return io.err(`plansync: warning: ${message}.`);
    throw new InputError(`refused: ${message}; nothing was written.`);
  }
  const branch = config.branch ?? session.defaultBranch;
  const remote = await readBranchHead(session.octokit, session.repo, branch);
  if (remote === head) return;
  const where = `${session.repo.owner}/${session.repo.repo}`;
  const upstream = remote === null ? `${where} has no branch ${branch}` : `${branch} on ${where} is at ${remote}`;
  const message = `this checkout is at ${head}, but ${upstream}. Syncing this working tree would undo what changed upstream (issues of tasks added there closed, boxes ticked there reopened). Run \`git pull\` (and push your own commits) so the checkout is ${branch}'s head, or pass --force to sync this working tree anyway`;
  if (args.dryRun) return io.err(`plansync: warning: ${message}.`);
  throw new InputError(`refused: ${message}; nothing was written.`);
}

function commitSha(ref: string): string {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref;
  throw new InputError(`--ref ${ref}: no such branch on GitHub; give a branch name or a full commit sha`);
}

/** The paths given, relative to the repository's root, keeping only the config's plan files. */
function planPaths(session: GitHubSession, config: PlansyncConfig, given: string[], cwd: string, io: CommandIo) {
  const matches = createPathMatcher(config.paths);
  const present: string[] = [];
  for (const path of given) {
    const rel = relative(session.root, resolve(cwd, path)).split(sep).join("/");
    if (matches(rel)) present.push(rel);
    else io.err(`plansync: ${path} is not a plan file under the config's paths; skipped`);
  }
  if (present.length === 0) throw new InputError("none of the paths given is a plan file under the config's paths");
  return { present, removed: [] };
}

/** The core without the applier: what a sync would do, as a table or JSON. Writes nothing. */
async function dryRun(
  session: GitHubSession,
  target: SyncTarget,
  config: PlansyncConfig,
  args: SyncArgs,
  io: CommandIo,
) {
  const { docs, remote, result } = await decideSync(session.octokit, target, config, session.log, {
    assignIds: false,
  });
  const plan: SyncPlan = {
    repo: `${session.repo.owner}/${session.repo.repo}`,
    at: args.ref === undefined ? "working tree" : args.ref,
    sha: target.sha,
    operations: result.operations,
    writeBacks: result.writeBacks.flatMap((n) => remote.issues.filter((i) => i.number === n)),
    held: result.heldRemovals,
    skipped: result.skippedRemovals ?? [],
    files: fileDiagnostics(docs, result.diagnostics),
  };
  io.out(args.json ? JSON.stringify(syncPlanJson(plan), null, 2) : renderSyncPlan(plan));
  return plan.files.some((f) => f.diagnostics.some((d) => d.severity === "error")) ? 1 : 0;
}
