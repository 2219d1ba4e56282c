import type { Diagnostic, Task } from "../plan/index.js";
import type { PlanFile, RemoteIssue } from "./sync-types.js";

export interface LocatedTask {
  task: Task;
  file: PlanFile;
}

/**
 * One task per ID across all files. When an ID is in several files, the file its issue already
 * names keeps it (a task cannot be stolen by a copy), otherwise the first file in path order;
 * every other occurrence gets a `duplicate-id` error on its own line.
 */
export function collectTasks(files: readonly PlanFile[], owners: ReadonlyMap<string, RemoteIssue>) {
  const byId = new Map<string, LocatedTask[]>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    for (const task of file.plan.tasks) byId.set(task.id, [...(byId.get(task.id) ?? []), { task, file }]);
  }
  const winners: LocatedTask[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const [id, found] of byId) {
    const ownerFile = owners.get(id)?.marker.file;
    const winner = found.find((f) => f.file.path === ownerFile) ?? found[0]!;
    winners.push(winner);
    for (const loser of found.filter((f) => f !== winner)) {
      const list = diagnostics.get(loser.file.path) ?? [];
      list.push(crossFileDuplicate(loser.task, winner.file.path));
      diagnostics.set(loser.file.path, list);
    }
  }
  return { winners, diagnostics };
}

function crossFileDuplicate(task: Task, keptIn: string): Diagnostic {
  return {
    severity: "error",
    code: "duplicate-id",
    message: `Task ID ${task.id} is also used in ${keptIn}, which keeps it; this copy is ignored. Give this task a new ID.`,
    line: task.line,
    column: task.column,
  };
}
