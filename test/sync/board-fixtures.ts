import { configSchema, type PlansyncConfig } from "../../src/config/config-schema.js";
import { parsePlan } from "../../src/plan/index.js";
import { locateTask, type LocatedTask } from "../../src/sync/collect-tasks.js";
import { epicTasks } from "../../src/sync/epic-tasks.js";
import type { PlanFile } from "../../src/sync/sync-types.js";

/** The tasks of one doc as the sync locates them (epics first, as collect-tasks puts them), keyed by ID. */
export function locatedTasks(markdown: string, path = "docs/plan.md"): LocatedTask[] {
  const file: PlanFile = { path, plan: parsePlan(markdown) };
  const scoper = () => null;
  return [...epicTasks(file, scoper), ...file.plan.tasks.map((t) => locateTask(file, t, scoper))];
}

export function located(markdown: string, id: string, path?: string): LocatedTask {
  const found = locatedTasks(markdown, path).find((t) => t.task.id === id);
  if (!found) throw new Error(`no task ${id} in the doc`);
  return found;
}

export function boardConfig(extra: Record<string, unknown> = {}): PlansyncConfig {
  return configSchema.parse({ project: "https://github.com/orgs/acme/projects/7", ...extra });
}
