import type { Logger } from "probot";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";
import { describeError, statusOf } from "./write-policy.js";

/** Where a door keeps the commit its last fully successful sync was at. */
export interface SyncedRecord {
  /** The commit recorded, or null when none is (a first run, or the record was deleted). */
  read(): Promise<string | null>;
  /** Moves the record to `sha`; `known` is what read() answered, so a first write creates it. */
  write(sha: string, known: string | null): Promise<void>;
}

/** Outside refs/heads and refs/tags: no branch or tag list shows it, and a clone does not fetch it. */
const REF = "plansync/synced";

/**
 * The Action's record: a git ref, `refs/plansync/synced`. A ref, not a check run: reading it is
 * one request whatever commit it names (a check run is found only by asking each commit), and
 * writing it needs `contents: write`, which the Action needs anyway to write boxes back, where a
 * check run would need `checks: write` too. GitHub Actions' concurrency cancels pending runs in a
 * burst, so each run syncs from this commit to the head, and a cancelled or failed run is healed
 * by the next run of any event. A record that cannot be written is a warning: the next run then
 * syncs from the older record, or scans every plan file.
 */
export function syncedRef(octokit: Octokit, repo: RepoRef, log: Logger): SyncedRecord {
  return {
    async read() {
      try {
        return (await octokit.rest.git.getRef({ ...repo, ref: REF })).data.object.sha;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async write(sha, known) {
      try {
        if (known === null) await octokit.rest.git.createRef({ ...repo, ref: `refs/${REF}`, sha });
        // Forced: after a force-push the head synced is not a descendant of the record.
        else await octokit.rest.git.updateRef({ ...repo, ref: REF, sha, force: true });
      } catch (error) {
        const status = statusOf(error);
        if (status !== 403 && status !== 404 && status !== 422) throw error;
        log.warn(
          { sha, error: describeError(error) },
          "Could not record the commit synced in refs/plansync/synced: grant the workflow `contents: write`. The next run syncs from the previous record, or reads every plan file",
        );
      }
    },
  };
}
