import { readFileSync } from "node:fs";
import { pino, type Logger } from "pino";
import { octokitLog } from "../cli/github-session.js";
import { pushedFiles } from "../github/changed-files.js";
import { loadConfig, type ConfigLoader } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { Reporter } from "../github/reporter.js";
import { tokenOctokit } from "../github/token-octokit.js";
import { mergePreviewWork, mergeSyncWork } from "../jobs/merge-work.js";
import { runPreviews } from "../jobs/preview-job.js";
import { runSync } from "../jobs/sync-job.js";
import { runWriteBack } from "../jobs/write-back-job.js";
import { isForkPull, type SyncWork } from "../jobs/work.js";
import { readMarker } from "../sync/marker.js";
import { ACTIONS_BOT, claimOf, plansyncIdentity, worthAJob } from "../sync/issue-ownership.js";
import { readInputs } from "./action-inputs.js";
import { summaryReporter } from "./summary-reporter.js";

const PREVIEW_ACTIONS = new Set(["opened", "synchronize", "reopened", "ready_for_review"]);

interface Door {
  octokit: Octokit;
  repo: RepoRef;
  options: { creator: string | null; log: Logger; reporter: Reporter; readConfig: ConfigLoader };
}

/**
 * The Action: the app's jobs (sync, preview, write-back), run once for the workflow's event with
 * the workflow's token. Returns the exit code: 1 when a report failed, as the check run would.
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
  const readConfig: ConfigLoader = async (o, r, ref) => {
    const loaded = await loadConfig(o, r, ref, inputs.configPath);
    return loaded.ok && inputs.dryRun ? { ok: true, config: { ...loaded.config, dryRun: true } } : loaded;
  };
  const { reporter, failed } = summaryReporter({ summaryFile: env.GITHUB_STEP_SUMMARY, log: print });
  const repo = { owner, repo: name };
  const door: Door = { octokit, repo, options: { creator: null, log, reporter, readConfig } };
  const ran = await dispatch(event, payload, door);
  if (!ran) print(`plansync: nothing to do for ${event}${payload.action ? `.${payload.action}` : ""}`);
  return failed() ? 1 : 0;
}

async function dispatch(event: string, payload: Record<string, any>, door: Door): Promise<boolean> {
  if (event === "push") return onPush(payload, door);
  if (event === "pull_request" || event === "pull_request_target") return onPullRequest(payload, door);
  if (event === "issues") return onIssue(payload, door);
  if (event === "workflow_dispatch" || event === "schedule") return syncThenWriteBack(door, fullSync(payload, door));
  return false;
}

/** A push to the synced branch: the files it changed come from one compare request. */
async function onPush(payload: Record<string, any>, door: Door): Promise<boolean> {
  const ref = String(payload.ref ?? "");
  if (payload.deleted || !ref.startsWith("refs/heads/")) return false;
  const commits = await pushedFiles(door.octokit, door.repo, payload.before, payload.after);
  return syncThenWriteBack(door, {
    ...fullSync(payload, door),
    branch: ref.slice("refs/heads/".length),
    commits,
    after: payload.after,
  });
}

async function onPullRequest(payload: Record<string, any>, door: Door): Promise<boolean> {
  const pull = payload.pull_request;
  if (!PREVIEW_ACTIONS.has(payload.action) || pull?.state !== "open") return false;
  const work = {
    kind: "preview" as const,
    installationId: 0,
    ...door.repo,
    pull: { number: pull.number, headSha: pull.head.sha, baseRef: pull.base.ref, fork: isForkPull(pull) },
    defaultBranch: payload.repository.default_branch,
    htmlUrl: payload.repository.html_url,
  };
  await runPreviews(door.octokit, mergePreviewWork([work]), await withCreator(door));
  return true;
}

/**
 * An issue closed or reopened: written back unless its marker already agrees (plansync's own
 * change), or the issue is not plansync's (issue-ownership.ts): a copied marker steers nothing.
 */
async function onIssue(payload: Record<string, any>, door: Door): Promise<boolean> {
  if (payload.action !== "closed" && payload.action !== "reopened") return false;
  const marker = readMarker(payload.issue?.body);
  if (!marker || marker.state === payload.issue.state) return false;
  const options = await withCreator(door);
  const claim = claimOf(payload.issue, plansyncIdentity(options.creator ?? ACTIONS_BOT));
  if (!worthAJob(claim)) {
    options.log.warn({ issue: payload.issue.number }, "Ignoring an issue that claims to be plansync's");
    return false;
  }
  await runWriteBack(door.octokit, door.repo, [payload.issue.number], options);
  return true;
}

function fullSync(payload: Record<string, any>, door: Door): SyncWork {
  return {
    kind: "sync",
    installationId: 0,
    ...door.repo,
    branch: null,
    commits: null,
    defaultBranch: payload.repository?.default_branch,
    htmlUrl: payload.repository?.html_url,
  };
}

/** As the app does: a sync, then the write-backs it found owed (issues closed while the doc says open). */
async function syncThenWriteBack(door: Door, work: SyncWork): Promise<boolean> {
  const options = await withCreator(door);
  const outcome = await runSync(door.octokit, mergeSyncWork([work]), options);
  if (outcome && outcome.writeBacks.length > 0)
    await runWriteBack(door.octokit, door.repo, outcome.writeBacks, options);
  if (outcome?.failed) throw new Error("the sync stopped part-way (see the summary); rerun the job to go on");
  return true;
}

/**
 * The token's user, for finding managed issues whose label was removed. An Actions token may not
 * read `/user`; its issues are `github-actions[bot]`'s. One request, made only when a job runs.
 */
async function withCreator(door: Door): Promise<Door["options"]> {
  if (door.options.creator !== null) return door.options;
  let creator = ACTIONS_BOT;
  try {
    creator = (await door.octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    // An installation or Actions token: GitHub answers 403 here.
  }
  door.options.creator = creator;
  return door.options;
}
