import type { PlansyncConfig } from "../config/config-schema.js";
import { projectKey, projectUrlFor } from "../sync/board-values.js";
import type { DocsSnapshot, RemoteState } from "../sync/sync-types.js";
import type { Octokit } from "./octokit.js";
import { readBoard, type BoardIssue } from "./read-board.js";
import { boardGraphql } from "./board-client.js";
import type { BoardProblem } from "../sync/board-types.js";
import { boardProblem } from "./board-problem.js";

/**
 * The sync's read step for boards: the projects the docs read name (a file's frontmatter
 * `project:`, else config `project.url`) and the cards of the issues of those files' tasks.
 * Nothing is asked when no task has a project, and a board already read for the same projects
 * and issues is not read again (a sync reconciles twice when it completes its issue listing).
 * A fork's preview reads no board at all: its docs and config are a stranger's, and a board is
 * outside the repository. At most MAX_PROJECTS projects are read; the rest are one problem line.
 */
export async function withBoard(
  octokit: Octokit,
  remote: RemoteState,
  docs: DocsSnapshot,
  config: PlansyncConfig,
  { fork = false }: { fork?: boolean } = {},
): Promise<RemoteState> {
  if (fork) return remote;
  const named = boardRead(docs, remote, config);
  if (named.urls.length === 0) return remote;
  const { wanted: onHost, elsewhere } = onRepositoryHost(named, docs.htmlUrl);
  const { wanted, skipped } = withinLimit(onHost, config);
  const graphql = boardGraphql(octokit);
  if (graphql === null) return remote;
  const signature = JSON.stringify([wanted.urls.map((u) => projectKey(u)), wanted.issues.map((i) => i.number)]);
  if (remote.board && read.get(remote.board) === signature) return remote;
  const fromGitHub = await readBoard(graphql, wanted.urls, wanted.issues);
  const board = { ...fromGitHub, problems: [...elsewhere, ...skipped, ...fromGitHub.problems] };
  read.set(board, signature);
  return { ...remote, board };
}

/**
 * The most projects one sync reads. Each costs a query, and the cards' query grows with them; a
 * docs tree naming dozens of boards (a writer's choice, or a pasted list) would make every push
 * pay for all of them.
 */
export const MAX_PROJECTS = 5;

/**
 * The first MAX_PROJECTS distinct projects (config `project.url` first, then by address); the
 * rest are left alone, with one problem line naming the first skipped and how many more.
 */
function withinLimit(
  named: { urls: string[]; issues: BoardIssue[] },
  config: PlansyncConfig,
): { wanted: { urls: string[]; issues: BoardIssue[] }; skipped: BoardProblem[] } {
  const configured = config.project.url === null ? null : projectKey(config.project.url);
  const byKey = new Map<string, string>();
  for (const url of named.urls) {
    const key = projectKey(url) ?? url;
    if (!byKey.has(key)) byKey.set(key, url);
  }
  const keys = [...byKey.keys()].sort((a, b) => Number(b === configured) - Number(a === configured));
  if (keys.length <= MAX_PROJECTS) return { wanted: named, skipped: [] };
  const kept = new Set(keys.slice(0, MAX_PROJECTS));
  const urls = named.urls.filter((url) => kept.has(projectKey(url) ?? url));
  const [first, ...more] = keys.slice(MAX_PROJECTS);
  const problem = boardProblem({ key: first!, url: byKey.get(first!)! }, "limit", null);
  const others = more.length === 0 ? "" : ` and ${more.length} more the docs name`;
  const message = `plansync reads at most ${MAX_PROJECTS} projects in one sync, so this one${others} ${more.length === 0 ? "was" : "were"} not read.`;
  return { wanted: { urls, issues: named.issues }, skipped: [{ ...problem, message }] };
}

/**
 * A project address names its host, and plansync reaches GitHub only through the repository's
 * own: `orgs/octo/projects/7` on another host is someone else's board, so it is never read or
 * written under this host's same-named organisation. Such a project is a problem line instead.
 */
function onRepositoryHost(
  named: { urls: string[]; issues: BoardIssue[] },
  htmlUrl: string,
): { wanted: { urls: string[]; issues: BoardIssue[] }; elsewhere: BoardProblem[] } {
  const host = hostOf(htmlUrl);
  const elsewhere = named.urls
    .filter((url) => hostOf(url) !== host)
    .map((url) => boardProblem({ key: projectKey(url) ?? url, url }, "elsewhere", null));
  const urls = named.urls.filter((url) => hostOf(url) === host);
  return { wanted: { urls, issues: named.issues }, elsewhere };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** What each board read covered, so an unchanged second reconcile reads nothing. */
const read = new WeakMap<object, string>();

/** The projects named by files with tasks, and the managed issues of those files' tasks. */
export function boardRead(
  docs: DocsSnapshot,
  remote: RemoteState,
  config: PlansyncConfig,
): { urls: string[]; issues: BoardIssue[] } {
  const urls = new Set<string>();
  const paths = new Set<string>();
  const ids = new Set<string>();
  for (const file of docs.files) {
    const first = file.plan.tasks[0];
    if (!first) continue;
    const url = projectUrlFor({ task: first, file, scope: null, key: "" }, config);
    if (url === null) continue;
    urls.add(url);
    paths.add(file.path);
    for (const task of file.plan.tasks) if (task.id) ids.add(task.id);
  }
  // A task moved from another file still names its old file in the marker: its ID finds it.
  const issues = remote.issues
    .filter((i) => i.nodeId && (paths.has(i.marker.file) || ids.has(i.marker.id)))
    .map((i) => ({ number: i.number, nodeId: i.nodeId! }));
  return { urls: [...urls].sort(), issues };
}
