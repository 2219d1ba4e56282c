import { parsePlan } from "../plan/index.js";
import { collectTasks } from "../sync/collect-tasks.js";
import { featureSpecsToRead, withFeatureMilestones } from "../sync/feature-milestone.js";
import { createScoper } from "../sync/task-scope.js";
import { milestoneProgress } from "../sync/milestone-progress.js";
import { readConfig } from "../config/read-config.js";
import { collectFiles } from "./collect-files.js";
import { planJson, progressJson } from "./plan-json.js";
import { readTextFile, readTextFileIfPresent } from "./read-text-file.js";
import { renderProgress, renderTable } from "./render-table.js";
import type { CommandIo } from "./command-io.js";

/** `plansync plan [--json] <paths...>`: what plansync reads, offline. Exit 1 when any diagnostic is an error. */
export function planCommand(paths: readonly string[], json: boolean, io: CommandIo): number {
  const read = collectFiles(paths).map((path) => ({ path, plan: parsePlan(readTextFile(path)) }));
  // Feature folders get the milestone the app would give them, named from their spec on disk.
  const specs = new Map(featureSpecsToRead(read).map((spec) => [spec, readTextFileIfPresent(spec)]));
  const parsed = withFeatureMilestones(read, specs);
  // Across files, as the app sees them: an ID repeated in one scope is a duplicate in the later file.
  const { winners, diagnostics } = collectTasks(parsed, new Map(), createScoper([]));
  // Progress as the docs alone state it (no issues read), milestones named as the default config names them.
  const progress = milestoneProgress(winners, [], defaultConfig());
  const files = parsed.map(({ path, plan }) => ({
    path,
    plan: { ...plan, diagnostics: [...plan.diagnostics, ...(diagnostics.get(path) ?? [])] },
  }));
  if (json)
    io.out(
      JSON.stringify(
        { files: files.map(({ path, plan }) => planJson(path, plan)), progress: progressJson(progress) },
        null,
        2,
      ),
    );
  else
    io.out(
      [...files.map(({ path, plan }) => renderTable(path, plan)), renderProgress(progress)]
        .filter(Boolean)
        .join("\n\n"),
    );
  const failed = files.some(({ plan }) => plan.diagnostics.some((d) => d.severity === "error"));
  return failed ? 1 : 0;
}

function defaultConfig() {
  const read = readConfig(null);
  if (!read.ok) throw new Error(`plansync's default config is invalid: ${read.errors.join("; ")}`);
  return read.config;
}
