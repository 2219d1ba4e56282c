import type { Logger } from "probot";
import type { BlobCache } from "../github/blob-cache.js";
import type { ConfigLoader } from "../github/load-config.js";
import type { Octokit } from "../github/octokit.js";
import type { Reporter } from "../github/reporter.js";
import { previewPullRequest } from "../github/preview-pull-request.js";
import type { PreviewWork, PullToPreview } from "./work.js";

export interface PreviewJobOptions {
  creator: string | null;
  log: Logger;
  cache?: BlobCache;
  reporter?: Reporter;
  readConfig?: ConfigLoader;
}

/** Previews each pull request asked for, one after another, at its newest known head. */
export async function runPreviews(
  octokit: Octokit,
  { last, pulls }: { last: PreviewWork; pulls: PullToPreview[] },
  { creator, log, cache, reporter, readConfig }: PreviewJobOptions,
): Promise<void> {
  const repo = { owner: last.owner, repo: last.repo };
  for (const pull of pulls) {
    await previewPullRequest(
      octokit,
      {
        repo,
        ...pull,
        defaultBranch: last.defaultBranch,
        htmlUrl: last.htmlUrl,
        ...(last.ownerKind && { ownerKind: last.ownerKind }),
        creator,
        cache,
        readConfig,
      },
      log.child({ pull: pull.number }),
      reporter,
    );
  }
}
