import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import { parse as parseYaml } from "yaml";
import { readConfig, type ConfigResult } from "../config/read-config.js";
import { CONFIG_PATH, loadConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { tokenCreator } from "../github/creator-login.js";
import { tokenOctokit } from "../github/token-octokit.js";
import { statusOf } from "../github/write-policy.js";
import { InputError, UsageError } from "./cli-errors.js";
import { checkoutRoot, originRepo } from "./git-checkout.js";
import { etagCacheBytes } from "../github/etag-cache.js";
import { ownerKindField, type OwnerKind } from "../github/owner-kind.js";

/** A token-authenticated view of one repository, for `plansync sync` and `plansync pull`. */
export interface GitHubSession {
  octokit: Octokit;
  repo: RepoRef;
  defaultBranch: string;
  htmlUrl: string;
  /** The owner's kind, from the repository read (owner-kind.ts). */
  ownerKind?: OwnerKind;
  /** Who the token is: managed issues it created are found even without their label. */
  creator: string | null;
  log: Logger;
  /** The working tree's top (the checkout's root, or the current directory outside git). */
  root: string;
}

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * Resolves the token (`GITHUB_TOKEN` or `GH_TOKEN`, never a flag: a flag's value lands in shell
 * history and process listings), the repository (`--repo`, else the `origin` remote) and the API
 * (`GITHUB_API_URL` for GitHub Enterprise Server), and checks that the token can see the repository.
 */
export async function openSession(repoFlag: string | undefined, env: NodeJS.ProcessEnv, cwd: string) {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token)
    throw new InputError(
      "no GitHub token: set GITHUB_TOKEN or GH_TOKEN (for example `export GH_TOKEN=$(gh auth token)`); it needs Issues read and write, and Contents read",
    );
  if (repoFlag !== undefined && !REPO_NAME.test(repoFlag))
    throw new UsageError(`--repo "${repoFlag}" is not owner/name, such as octo/plans`);
  const repo = repoFlag ? toRepo(repoFlag) : originRepo(cwd);
  if (!repo) throw new UsageError("no --repo given, and the current directory has no GitHub `origin` remote");
  try {
    etagCacheBytes(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const log = pino({ level: env.PLANSYNC_LOG_LEVEL || "warn", base: null }, pino.destination(2));
  const octokit = tokenOctokit({ token, baseUrl: env.GITHUB_API_URL, userAgent: "plansync-cli", log: octokitLog(log) });
  const info = await readRepo(octokit, repo, env.GITHUB_API_URL);
  return {
    octokit,
    repo,
    ...info,
    // An Actions token is not a user's: GitHub names its issues' author github-actions[bot].
    creator: await tokenCreator(octokit, { inWorkflow: env.GITHUB_ACTIONS === "true" }),
    log,
    root: checkoutRoot(cwd) ?? cwd,
  } satisfies GitHubSession;
}

function toRepo(name: string): RepoRef {
  const [owner, repo] = name.split("/") as [string, string];
  return { owner, repo };
}

async function readRepo(octokit: Octokit, repo: RepoRef, apiUrl: string | undefined) {
  try {
    const { data } = await octokit.rest.repos.get({ ...repo });
    return { defaultBranch: data.default_branch, htmlUrl: data.html_url, ...ownerKindField(data.owner?.type) };
  } catch (error) {
    const where = `${repo.owner}/${repo.repo} on ${apiUrl || "https://api.github.com"}`;
    if (statusOf(error) === 401)
      throw new InputError(`GitHub refused the token (401) reading ${where}: is it expired?`);
    if (statusOf(error) === 404 || statusOf(error) === 403)
      throw new InputError(`${where} was not found, or the token cannot read it`);
    throw error;
  }
}

/**
 * Octokit's own log, through pino. Its request log calls every non-2xx answer an error, though a
 * 404 is often the answer plansync asked for (no config file): those are debug lines, and real
 * failures are reported by the command. Rate-limit waits stay warnings.
 */
export function octokitLog(log: Logger) {
  return {
    debug: (m: string) => log.debug(m),
    info: (m: string) => log.debug(m),
    warn: (m: string) => log.warn(m),
    error: (m: string) => log.debug(m),
  };
}

/**
 * The config a sync follows: at `ref` on GitHub when given; else the working tree's own
 * `.github/plansync.yml`. A local file that `_extends` another, or none at all, is read from
 * GitHub, where Probot's loader follows `_extends` and the owner's `.github` repository.
 */
export async function sessionConfig(session: GitHubSession, ref: string | null): Promise<ConfigResult> {
  if (ref !== null) return loadConfig(session.octokit, session.repo, ref);
  const local = join(session.root, CONFIG_PATH);
  if (!existsSync(local)) return loadConfig(session.octokit, session.repo);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(local, "utf8"));
  } catch (error) {
    return {
      ok: false,
      errors: [`${CONFIG_PATH} could not be read as YAML: ${(error as Error).message.split("\n")[0]}`],
    };
  }
  if (raw !== null && typeof raw === "object" && "_extends" in raw) return loadConfig(session.octokit, session.repo);
  return readConfig(raw);
}
