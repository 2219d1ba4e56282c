import type { Diagnostic } from "../plan/index.js";
import type { LocatedTask } from "./collect-tasks.js";

/** Adds a warning on a task's line, to the diagnostics of its file. */
export function addTaskWarning(
  diagnostics: Map<string, Diagnostic[]>,
  { task, file }: LocatedTask,
  code: string,
  message: string,
): void {
  const list = diagnostics.get(file.path) ?? [];
  list.push({ severity: "warning", code, message, line: task.line, column: task.column });
  diagnostics.set(file.path, list);
}
