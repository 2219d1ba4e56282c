import { ownerKindField } from "../github/owner-kind.js";
import { isForkPull, type PreviewWork } from "./work.js";

/** The `pull_request` actions that change what a pull request would merge, or bring it back into view. */
export const PREVIEW_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"] as const;

/** The parts of a `pull_request` event (webhook or workflow payload) a preview is decided on. */
export interface PullRequestEvent {
  action: string;
  pull_request: {
    number: number;
    state: string;
    head: { sha: string; repo?: { full_name: string } | null };
    base: { ref: string; repo: { full_name: string } };
  };
  repository: { default_branch: string; html_url: string; owner?: { type?: unknown } | null };
}

/**
 * A pull request's preview, for every door; null for an action that changes nothing it would
 * merge, or a closed pull request. Whether it touches plan files, and whether it targets the
 * synced branch, needs the file list and the config: the preview job reads them.
 */
export function pullPreviewWork(
  event: PullRequestEvent,
  target: { installationId: number; owner: string; repo: string },
): PreviewWork | null {
  const pull = event.pull_request;
  if (!(PREVIEW_ACTIONS as readonly string[]).includes(event.action) || pull.state !== "open") return null;
  return {
    kind: "preview",
    ...target,
    pull: { number: pull.number, headSha: pull.head.sha, baseRef: pull.base.ref, fork: isForkPull(pull) },
    defaultBranch: event.repository.default_branch,
    htmlUrl: event.repository.html_url,
    ...ownerKindField(event.repository.owner?.type),
  };
}
