import { flattenTree, type FlatTree } from "./git-files.js";
import type { GitStore } from "./git-objects.js";
import { paginate } from "./pagination.js";
import type { PullFields, RepoState } from "./records.js";
import { branchSha, commitTreeSha } from "./repo-git.js";
import { json, notFound } from "./responses.js";
import type { RepoHandler } from "./route-context.js";

/**
 * `GET /pulls/{n}/files`: the files the head changed since its merge base with the base branch,
 * 3,000 at most as on GitHub. A removed and an added file with the same blob are a rename.
 */
const MAX_FILES = 3000;

export const listPullFiles: RepoHandler = (ctx) => {
  const pr = ctx.repo.issues.get(Number(ctx.params.pull_number));
  if (!pr?.pull) return notFound(ctx.docs);
  const head = pullHeadSha(ctx.repo, pr.number, pr.pull);
  const baseHead = branchSha(ctx.repo, pr.pull.base);
  if (!head || !baseHead) return notFound(ctx.docs);
  const base = mergeBase(ctx.repo.git, baseHead, head) ?? baseHead;
  const files = diffTrees(
    flattenTree(ctx.repo.git, commitTreeSha(ctx.repo, base)),
    flattenTree(ctx.repo.git, commitTreeSha(ctx.repo, head)),
  );
  const page = paginate(ctx, files.slice(0, MAX_FILES));
  return json(200, page.items, page.headers);
};

/** A pull request's head commit: the fork's (kept as `refs/pull/{n}/head`) or its branch's. */
export function pullHeadSha(repo: RepoState, number: number, pull: PullFields): string | undefined {
  return pull.headSha ?? repo.refs.get(`refs/pull/${number}/head`) ?? branchSha(repo, pull.head);
}

export function mergeBase(store: GitStore, a: string, b: string): string | undefined {
  const ancestors = new Set<string>();
  for (const pending = [a]; pending.length > 0;) {
    const sha = pending.pop()!;
    if (ancestors.has(sha)) continue;
    ancestors.add(sha);
    pending.push(...(store.commit(sha)?.parents ?? []));
  }
  const queue = [b];
  for (let i = 0; i < queue.length; i++) {
    if (ancestors.has(queue[i]!)) return queue[i];
    queue.push(...(store.commit(queue[i]!)?.parents ?? []));
  }
  return undefined;
}

interface FileChange {
  sha: string;
  filename: string;
  status: "added" | "removed" | "modified" | "renamed";
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  previous_filename?: string;
}

export function diffTrees(before: FlatTree, after: FlatTree): FileChange[] {
  const change = (filename: string, sha: string, status: FileChange["status"]): FileChange => ({
    sha,
    filename,
    status,
    additions: 0,
    deletions: 0,
    changes: 0,
    blob_url: `https://github.com/blob/${sha}/${filename}`,
    raw_url: `https://github.com/raw/${sha}/${filename}`,
    contents_url: `https://api.github.com/contents/${filename}`,
  });
  const removed = [...before].filter(([path]) => !after.has(path));
  const out: FileChange[] = [];
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (old?.sha === entry.sha) continue;
    const renamedFrom = old ? undefined : removed.find(([, e]) => e.sha === entry.sha);
    if (renamedFrom) removed.splice(removed.indexOf(renamedFrom), 1);
    const status = old ? "modified" : renamedFrom ? "renamed" : "added";
    out.push({ ...change(path, entry.sha, status), ...(renamedFrom && { previous_filename: renamedFrom[0] }) });
  }
  for (const [path, entry] of removed) out.push(change(path, entry.sha, "removed"));
  return out.sort((x, y) => (x.filename < y.filename ? -1 : 1));
}
