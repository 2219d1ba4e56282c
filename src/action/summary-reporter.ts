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
    // The run ends at a pause: a new run (or the next scheduled one) goes on from there.
    resumedBy: "action",
    started: async (_sha, operations, estimate) => {
      output.log(`plansync: applying ${operations} changes`);
      if (!estimate?.eta) return;
      // A sync longer than the hour's limit says so in the summary at once, not only at the end.
      output.log(`plansync: ${estimate.eta}; ${estimate.progress}`);
      const body = `## plansync: syncing\n\n${estimate.eta}.\n\n${estimate.progress}. This run stops when the hour's budget is spent; run the workflow again after the time the summary names, or the next scheduled run goes on.`;
      if (output.summaryFile) appendFileSync(output.summaryFile, `${body}\n\n`);
    },
    progressed: async (_sha, line) => output.log(`plansync: ${line}`),
    synced: async (sha, report) => {
      publish("plansync", report);
      await output.onHeld?.(sha, report);
    },
    previewed: async (_sha, report) => (publish("plansync preview", report), true),
    notice: async (_sha, report) => publish("plansync", report),
  };
  return { reporter, failed: () => failed };
}
