import type { ListedEntry } from "./git-files.js";
import type { CommitObject } from "./git-objects.js";
import type { RepoState } from "./records.js";
import { repoApiUrl, repoHtmlUrl, type SimUrls } from "./route-context.js";
import { nodeId } from "./present-user.js";

/** JSON shapes of the git data API (`/git/...`). */

/** GitHub wraps base64 at 60 characters per line, as `git` and its REST API do. */
export function base64Lines(content: Buffer): string {
  const encoded = content.toString("base64");
  return `${encoded.match(/.{1,60}/g)?.join("\n") ?? ""}\n`;
}

export function blobJson(repo: RepoState, urls: SimUrls, sha: string, content: Buffer) {
  return {
    sha,
    node_id: nodeId("B", parseInt(sha.slice(0, 8), 16)),
    size: content.length,
    url: `${repoApiUrl(urls, repo)}/git/blobs/${sha}`,
    content: base64Lines(content),
    encoding: "base64",
  };
}

export function treeJson(repo: RepoState, urls: SimUrls, sha: string, entries: ListedEntry[]) {
  const api = repoApiUrl(urls, repo);
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    tree: entries.map((entry) => ({
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.type === "blob"
        ? { size: repo.git.blob(entry.sha)?.content.length ?? 0, url: `${api}/git/blobs/${entry.sha}` }
        : {}),
      ...(entry.type === "tree" ? { url: `${api}/git/trees/${entry.sha}` } : {}),
    })),
    truncated: false,
  };
}

export function gitCommitJson(repo: RepoState, urls: SimUrls, sha: string, commit: CommitObject) {
  const api = repoApiUrl(urls, repo);
  return {
    sha,
    node_id: nodeId("C", parseInt(sha.slice(0, 8), 16)),
    url: `${api}/git/commits/${sha}`,
    html_url: `${repoHtmlUrl(urls, repo)}/commit/${sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    parents: commit.parents.map((parent) => ({
      sha: parent,
      url: `${api}/git/commits/${parent}`,
      html_url: `${repoHtmlUrl(urls, repo)}/commit/${parent}`,
    })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

export function refJson(repo: RepoState, urls: SimUrls, ref: string, sha: string) {
  const api = repoApiUrl(urls, repo);
  return {
    ref,
    node_id: nodeId("REF", parseInt(sha.slice(0, 8), 16)),
    url: `${api}/git/${ref}`,
    object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
  };
}
