import { appendFileSync } from "node:fs";
import type { Reporter } from "../github/reporter.js";
import type { CheckReport } from "../sync/check-report.js";
import { annotationCommand } from "./workflow-commands.js";

export interface ActionOutput {
  /** `$GITHUB_STEP_SUMMARY`; absent outside a runner, where the summary goes to the log. */
  summaryFile: string | undefined;
  /** The step's log (stdout), where workflow commands are read. */
  log: (line: string) => void;
  /** Told each sync report, to record removals it held where `removal.confirm` reads them. */
  onHeld?: (sha: string, report: CheckReport) => Promise<void>;
}

/**
 * The Action's reporter: the same report the app's check run carries, as the job summary, with
 * each problem line as an annotation through a workflow command. Remembers whether any report
 * failed, so the step can fail as the check run would.
 */
export function summaryReporter(output: ActionOutput) {
  let failed = false;
  const publish = (heading: string, report: CheckReport) => {
    if (report.conclusion === "failure") failed = true;
    const body = [`## ${heading}: ${report.title}`, report.summary, report.text].filter(Boolean).join("\n\n");
    if (output.summaryFile) appendFileSync(output.summaryFile, `${body}\n\n`);
    else output.log(body);
    output.log(`plansync: ${report.title}`);
    for (const a of report.annotations) output.log(annotationCommand(a));
  };
  const reporter: Reporter = {
    started: async (_sha, operations) => output.log(`plansync: applying ${operations} changes`),
    synced: async (sha, report) => {
      publish("plansync", report);
      await output.onHeld?.(sha, report);
    },
    previewed: async (_sha, report) => (publish("plansync preview", report), true),
    notice: async (_sha, report) => publish("plansync", report),
  };
  return { reporter, failed: () => failed };
}
