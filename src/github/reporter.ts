import type { CheckReport } from "../sync/check-report.js";

/**
 * Where plansync says what it did. The app posts check runs (check-run-reporter.ts); the Action
 * writes the job summary and workflow-command annotations; the CLI prints. Every door builds the
 * same `CheckReport` from the same core, so they differ only in where it lands.
 */
export interface Reporter {
  /** A long sync begins at `sha` (the app opens an in-progress check run). */
  started(sha: string, operations: number): Promise<void>;
  /** A sync's report: `changed` says whether it wrote anything, `problems` counts what a reader must see. */
  synced(sha: string, report: CheckReport, seen: { changed: boolean; problems: number }): Promise<void>;
  /** A pull request's preview at its head; true when it was published. */
  previewed(sha: string, report: CheckReport): Promise<boolean>;
  /** A one-off notice on a commit: an invalid config, checkboxes waiting in a pull request. */
  notice(sha: string, report: CheckReport): Promise<void>;
}
