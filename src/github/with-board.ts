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
 */
export async function withBoard(
  octokit: Octokit,
  remote: RemoteState,
  docs: DocsSnapshot,
  config: PlansyncConfig,
): Promise<RemoteState> {
  const named = boardRead(docs, remote, config);
  if (named.urls.length === 0) return remote;
  const { wanted, elsewhere } = onRepositoryHost(named, docs.htmlUrl);
  const graphql = boardGraphql(octokit);
  if (graphql === null) return remote;
  const signature = JSON.stringify([wanted.urls.map((u) => projectKey(u)), wanted.issues.map((i) => i.number)]);
  if (remote.board && read.get(remote.board) === signature) return remote;
  const fromGitHub = await readBoard(graphql, wanted.urls, wanted.issues);
  const board = { ...fromGitHub, problems: [...elsewhere, ...fromGitHub.problems] };
  read.set(board, signature);
  return { ...remote, board };
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
    return new URL(url).host.toLowerCase();
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
