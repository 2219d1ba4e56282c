import type { Reporter } from "../github/reporter.js";
import type { CheckReport } from "../sync/check-report.js";
import type { CommandIo } from "./command-io.js";

/**
 * The CLI's reporter: the report's title on stdout (or the whole report as JSON), and each
 * problem line on stderr as `path:line: level [code] message`, which editors can jump to.
 */
export function cliReporter(io: CommandIo, json: boolean): Reporter {
  const print = async (report: CheckReport) => {
    if (json) io.out(JSON.stringify(report, null, 2));
    else io.out(report.conclusion === "success" ? report.title : `${report.title}\n\n${report.summary}`);
    for (const a of report.annotations)
      io.err(`${a.path}:${a.start_line}: ${a.annotation_level} [${a.title}] ${a.message}`);
  };
  return {
    // The process ends at a pause: the user runs `plansync sync` again.
    resumedBy: "cli",
    // On stderr, before the progress line starts: how long a sync beyond the hour's limit takes.
    started: async (_sha, _operations, estimate) => {
      if (estimate?.eta) io.err(`plansync: ${estimate.eta}; ${estimate.progress}`);
    },
    progressed: async (_sha, line) => io.err(`plansync: ${line}`),
    synced: (_sha, report) => print(report),
    previewed: async (_sha, report) => (await print(report), true),
    notice: (_sha, report) => print(report),
  };
}
