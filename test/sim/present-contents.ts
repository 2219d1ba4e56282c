import type { RepoState } from "./records.js";
import { base64Lines } from "./present-git.js";
import { repoApiUrl, repoHtmlUrl, type SimUrls } from "./route-context.js";

/** The `/contents` API's file and directory-entry objects. */
export function contentEntryJson(
  repo: RepoState,
  urls: SimUrls,
  ref: string,
  entry: { path: string; sha: string; type: string; size: number },
) {
  const api = repoApiUrl(urls, repo);
  const kind = entry.type === "tree" ? "dir" : "file";
  const self = `${api}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/${kind === "dir" ? "trees" : "blobs"}/${entry.sha}`;
  const html = `${repoHtmlUrl(urls, repo)}/${kind === "dir" ? "tree" : "blob"}/${ref}/${entry.path}`;
  return {
    name: entry.path.split("/").pop() ?? entry.path,
    path: entry.path,
    sha: entry.sha,
    size: kind === "dir" ? 0 : entry.size,
    url: self,
    html_url: html,
    git_url: git,
    download_url:
      kind === "dir" ? null : `https://raw.githubusercontent.com/${repo.owner.login}/${repo.name}/${ref}/${entry.path}`,
    type: kind,
    _links: { self, git, html },
  };
}

export function fileContentJson(
  repo: RepoState,
  urls: SimUrls,
  ref: string,
  path: string,
  sha: string,
  content: Buffer,
) {
  // Like GitHub: files over 1 MB come without their content; the blobs API has it.
  const large = content.length > 1024 * 1024;
  return {
    ...contentEntryJson(repo, urls, ref, { path, sha, type: "blob", size: content.length }),
    content: large ? "" : base64Lines(content),
    encoding: large ? "none" : "base64",
  };
}
