import { readFileSync } from "node:fs";
import { pino, type Logger } from "pino";
import { octokitLog } from "../cli/github-session.js";
import { tokenCreator } from "../github/creator-login.js";
import { loadConfig, type ConfigLoader } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { postCheckRun } from "../github/post-check-run.js";
import type { Reporter } from "../github/reporter.js";
import { syncedRef, type SyncedRecord } from "../github/synced-ref.js";
import { tokenOctokit } from "../github/token-octokit.js";
import { useBoardClient } from "../github/board-client.js";
import { describeError, statusOf } from "../github/write-policy.js";
import { mergePreviewWork, mergeSyncWork } from "../jobs/merge-work.js";
import { runPreviews } from "../jobs/preview-job.js";
import { pullPreviewWork } from "../jobs/preview-work.js";
import { pushSyncWork } from "../jobs/push-work.js";
import { ownerKindField } from "../github/owner-kind.js";
import { runSync } from "../jobs/sync-job.js";
import type { SyncWork } from "../jobs/work.js";
import { runWriteBack } from "../jobs/write-back-job.js";
import type { CheckReport } from "../sync/check-report.js";
import { readHeldNote } from "../sync/held-removals.js";
import { owesWriteBack } from "../sync/issue-event.js";
import { claimOf, plansyncIdentity } from "../sync/issue-ownership.js";
import { readMarker } from "../sync/marker.js";
import { readInputs } from "./action-inputs.js";
import { summaryReporter } from "./summary-reporter.js";

/** What the Action supplies to the flows every door runs: its client, reporter and record. */
interface Door {
  octokit: Octokit;
  repo: RepoRef;
  options: {
    creator: string | null;
    log: Logger;
    reporter: Reporter;
    readConfig: ConfigLoader;
    record: SyncedRecord;
  };
}

/**
 * The Action: the event turned into the same work as the App's (push-work.ts, preview-work.ts,
 * issue-event.ts), run inline through the same flows (runSync, runWriteBack, runPreviews) with
 * the workflow's token. Every sync runs from the commit the last fully successful one recorded
 * (synced-ref.ts) to the head, so a run cancelled by `concurrency` or failed is healed by the next.
 * Returns the exit code: 1 when a report failed, as the check run would.
 */
export async function runAction(env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const inputs = readInputs(env);
  const [owner, name] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !name) throw new Error("GITHUB_REPOSITORY is not set: run plansync as a step of a workflow");
  const event = env.GITHUB_EVENT_NAME ?? "";
  const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? "", "utf8")) as Record<string, any>;
  const log = pino({ level: env.RUNNER_DEBUG === "1" ? "debug" : "info", base: null }, pino.destination(1));
  const octokit = tokenOctokit({
    token: inputs.token,
    baseUrl: env.GITHUB_API_URL,
    userAgent: "plansync-action",
    log: octokitLog(log),
  });
  // GITHUB_TOKEN cannot reach organisation projects: boards go through `project-token` when given.
  if (inputs.projectToken)
    useBoardClient(
      octokit,
      tokenOctokit({
        token: inputs.projectToken,
        baseUrl: env.GITHUB_API_URL,
        userAgent: "plansync-action",
        log: octokitLog(log),
      }),
    );
  const readConfig: ConfigLoader = Object.assign(
    async (o: Octokit, r: RepoRef, ref?: string) => {
      const loaded = await loadConfig(o, r, ref, inputs.configPath);
      return loaded.ok && inputs.dryRun ? { ok: true as const, config: { ...loaded.config, dryRun: true } } : loaded;
    },
    { path: inputs.configPath },
  );
  const repo = { owner, repo: name };
  const { reporter, failed } = summaryReporter({
    summaryFile: env.GITHUB_STEP_SUMMARY,
    log: print,
    onHeld: inputs.dryRun ? undefined : (sha, report) => recordHeld(door, sha, report, print),
  });
  const record = syncedRef(octokit, repo, log);
  const door: Door = { octokit, repo, options: { creator: null, log, reporter, readConfig, record } };
  const ran = await dispatch(event, payload, door);
  if (!ran) print(`plansync: nothing to do for ${event}${payload.action ? `.${payload.action}` : ""}`);
  return failed() ? 1 : 0;
}

const ACTION_TARGET = { installationId: 0 };

async function dispatch(event: string, payload: Record<string, any>, door: Door): Promise<boolean> {
  const target = { ...ACTION_TARGET, ...door.repo };
  if (event === "push") {
    const work = pushSyncWork(payload as any, target, { listsFiles: false, configPath: door.options.readConfig.path });
    return work !== null && syncThenWriteBack(door, work, []);
  }
  if (event === "pull_request" || event === "pull_request_target") {
    const work = pullPreviewWork(payload as any, target);
    if (work === null) return false;
    await runPreviews(door.octokit, mergePreviewWork([work]), await withCreator(door));
    return true;
  }
  if (event === "issues") return onIssue(payload, door);
  if (event === "workflow_dispatch" || event === "schedule")
    return syncThenWriteBack(door, fullSync(payload, door), []);
  return false;
}

/**
 * An issue closed, reopened or edited: written back when the App would (owesWriteBack). An
 * event that owes nothing costs no request. One that does first syncs what no run has synced
 * yet, so the doc the write-back edits is the one GitHub already follows.
 */
async function onIssue(payload: Record<string, any>, door: Door): Promise<boolean> {
  if (!["closed", "reopened", "edited"].includes(payload.action) || !payload.issue) return false;
  if (payload.action === "edited" && payload.changes?.body === undefined) return false;
  // Decided first as if the issue were ours, which costs no request: plansync's own change
  // (the state already in the marker) or ticks left alone end here.
  const marker = readMarker(payload.issue.body);
  if (!marker || !owesWriteBack(payload as any, { kind: "ours", marker }, null)) return false;
  const options = await withCreator(door);
  const claim = claimOf(payload.issue, plansyncIdentity(options.creator!));
  if (claim.kind === "foreign")
    options.log.warn({ issue: payload.issue.number }, "Ignoring an issue that claims to be plansync's");
  if (!owesWriteBack(payload as any, claim, options.creator)) return false;
  const catchUp: SyncWork = { ...fullSync(payload, door), commits: [] };
  return syncThenWriteBack(door, catchUp, [payload.issue.number]);
}

function fullSync(payload: Record<string, any>, door: Door): SyncWork {
  return {
    kind: "sync",
    ...ACTION_TARGET,
    ...door.repo,
    branch: null,
    commits: null,
    defaultBranch: payload.repository?.default_branch,
    htmlUrl: payload.repository?.html_url,
    ...ownerKindField(payload.repository?.owner?.type),
  };
}

/**
 * As the App does, inline: a sync, then the write-backs asked for and those it found owed
 * (issues closed while the doc says open).
 */
async function syncThenWriteBack(door: Door, work: SyncWork, issues: number[]): Promise<boolean> {
  const options = await withCreator(door);
  const outcome = await runSync(door.octokit, mergeSyncWork([work]), options);
  // Board moves too: `projects_v2_item` is no workflow trigger, so this run is how a moved card reaches the doc.
  const owed = [...issues, ...(outcome?.writeBacks ?? []), ...(outcome?.boardWriteBacks ?? [])];
  const writeBacks = [...new Set(owed)].sort((a, b) => a - b);
  if (writeBacks.length > 0) await runWriteBack(door.octokit, door.repo, writeBacks, options);
  if (outcome?.failed) throw new Error("the sync stopped part-way (see the summary); rerun the job to go on");
  return true;
}

/** The token's identity (creator-login.ts, as the CLI's): one request, made only when a job runs. */
async function withCreator(door: Door): Promise<Door["options"]> {
  door.options.creator ??= await tokenCreator(door.octokit, { inWorkflow: true });
  return door.options;
}

/**
 * Held removals are recorded as the App records them: a `plansync` check run on the commit,
 * whose hidden list `removal.confirm: <sha>` confirms (post-check-run.ts reads it back, trusting
 * only check runs of this door's identity, `github-actions[bot]`). That needs `checks: write`;
 * without it the removals stay held, and raising `removal.limit` is the way on. GitHub lets only
 * an app create check runs, so with a person's token (`token:` a PAT) there is none to confirm:
 * that is said plainly, without a request bound to answer 403.
 */
async function recordHeld(door: Door, sha: string, report: CheckReport, print: (line: string) => void): Promise<void> {
  if (readHeldNote(report.text).size === 0) return;
  const { creator } = await withCreator(door);
  if (creator !== null && !creator.toLowerCase().endsWith("[bot]")) {
    print(
      `::warning title=plansync::The held removals cannot be confirmed with \`removal.confirm\` when plansync runs with a person's token (${creator}): only an app can create the check run that records them. Run the workflow with its own token (leave \`token\` at \`\${{ github.token }}\`, with \`checks: write\`), or raise \`removal.limit\``,
    );
    return;
  }
  try {
    await postCheckRun(door.octokit, door.repo, sha, report);
  } catch (error) {
    if (statusOf(error) !== 403 && statusOf(error) !== 404) throw error;
    print(
      `::warning title=plansync::Could not record the held removals in a check run (${describeError(error)}): grant the workflow \`checks: write\` so that \`removal.confirm\` can confirm them, or raise \`removal.limit\``,
    );
  }
}
