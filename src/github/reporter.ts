import type { CheckReport } from "../sync/check-report.js";
import type { ResumedBy, SyncEta } from "../sync/sync-eta.js";

/**
 * Where plansync says what it did. The app posts check runs (check-run-reporter.ts); the Action
 * writes the job summary and workflow-command annotations; the CLI prints. Every door builds the
 * same `CheckReport` from the same core, so they differ only in where it lands.
 */
export interface Reporter {
  /**
   * Who resumes a sync GitHub's limit paused, for the report's words: the App's job backend by
   * itself (the default); the Action's and the CLI's user, by running it again.
   */
  readonly resumedBy?: ResumedBy;
  /**
   * A long sync begins at `sha` (the app opens an in-progress check run). `estimate` says how
   * long it will take under GitHub's hourly limit (its `eta` is null when it fits in an hour).
   */
  started(sha: string, operations: number, estimate?: SyncEta): Promise<void>;
  /** A sync longer than an hour has come this far (`1,240 of 7,370 done; about 15.3 h left`). */
  progressed?(sha: string, line: string): Promise<void>;
  /** A sync's report: `changed` says whether it wrote anything, `problems` counts what a reader must see. */
  synced(sha: string, report: CheckReport, seen: { changed: boolean; problems: number }): Promise<void>;
  /** A pull request's preview at its head; true when it was published. */
  previewed(sha: string, report: CheckReport): Promise<boolean>;
  /** A one-off notice on a commit: an invalid config, checkboxes waiting in a pull request. */
  notice(sha: string, report: CheckReport): Promise<void>;
}
