import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";

export interface FileAtRef {
  text: string;
  /** Blob sha, which the contents API needs to update the file safely. */
  sha: string;
}

/** `ignoreBOM` keeps a byte order mark in the text: it is the file's first byte, and a write must keep it. */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A file's exact bytes at a branch, decoded strictly: a file that is not valid UTF-8 is reported
 * as unreadable rather than decoded lossily and written back with bytes lost. One request, or two
 * for a file over 1 MB.
 */
export async function readFileWithSha(
  octokit: Octokit,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<FileAtRef | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    // Over 1 MB the contents API leaves the content out (`encoding: none`); the blob has it.
    const base64 =
      data.encoding === "none" || (data.content === "" && data.size > 0)
        ? (await octokit.rest.git.getBlob({ ...repo, file_sha: data.sha })).data.content
        : data.content;
    return { text: utf8.decode(Buffer.from(base64, "base64")), sha: data.sha };
  } catch (error) {
    if (isNotFound(error) || error instanceof TypeError) return null;
    throw error;
  }
}
