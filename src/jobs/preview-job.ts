import type { Logger } from "probot";
import type { BlobCache } from "../github/blob-cache.js";
import type { Octokit } from "../github/octokit.js";
import { previewPullRequest } from "../github/preview-pull-request.js";
import type { PreviewWork, PullToPreview } from "./work.js";

/** Previews each pull request asked for, one after another, at its newest known head. */
export async function runPreviews(
  octokit: Octokit,
  { last, pulls }: { last: PreviewWork; pulls: PullToPreview[] },
  { creator, log, cache }: { creator: string | null; log: Logger; cache?: BlobCache },
): Promise<void> {
  const repo = { owner: last.owner, repo: last.repo };
  for (const pull of pulls) {
    await previewPullRequest(
      octokit,
      { repo, ...pull, defaultBranch: last.defaultBranch, htmlUrl: last.htmlUrl, creator, cache },
      log.child({ pull: pull.number }),
    );
  }
}
