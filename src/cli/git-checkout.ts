import { execFileSync } from "node:child_process";
import type { RepoRef } from "../github/octokit.js";

/** Runs git in `cwd`; null when git is missing or the command fails (not a checkout, no remote). */
function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** The top of the git checkout `cwd` is in, or null outside one. */
export function checkoutRoot(cwd: string): string | null {
  return git(cwd, ["rev-parse", "--show-toplevel"]);
}

/** The commit checked out, for links from issues to their lines; null before the first commit. */
export function checkoutHead(cwd: string): string | null {
  return git(cwd, ["rev-parse", "HEAD"]);
}

/** Files git tracks or would track (untracked but not ignored), relative to the root; null outside git. */
export function checkoutFiles(root: string): string[] | null {
  const listed = git(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  return listed === null ? null : listed.split("\0").filter(Boolean);
}

/** owner/name of the `origin` remote, when it is a GitHub-style URL. */
export function originRepo(cwd: string): RepoRef | null {
  const url = git(cwd, ["remote", "get-url", "origin"]);
  return url === null ? null : parseRemoteUrl(url);
}

/**
 * `https://github.com/o/r.git`, `git@github.com:o/r.git`, `ssh://git@ghe.example/o/r`: the last
 * two path segments are owner and name, on any host (GitHub Enterprise too).
 */
export function parseRemoteUrl(url: string): RepoRef | null {
  const match = /[/:]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}
