import type { Diagnostic, Task } from "../plan/index.js";
import type { PlanFile, RemoteIssue } from "./sync-types.js";
import { epicTasks } from "./epic-tasks.js";
import { taskKey, type Scoper } from "./task-scope.js";

export interface LocatedTask {
  task: Task;
  file: PlanFile;
  /** Where the task's ID is unique (null: the repository), and its identity, `taskKey(id, scope)`. */
  scope: string | null;
  key: string;
  /** True for an epic heading standing as a task (epic-tasks.ts): its issue holds its stories. */
  epic?: boolean;
}

/**
 * One task per (scope, ID) across all files. When a key is in several files, the file its issue
 * already names keeps it (a task cannot be stolen by a copy), otherwise the first file in path
 * order; every other occurrence gets a `duplicate-id` error on its own line.
 */
export function collectTasks(
  files: readonly PlanFile[],
  owners: ReadonlyMap<string, RemoteIssue>,
  scoper: Scoper,
  { epics }: { epics: boolean } = { epics: false },
) {
  const byId = new Map<string, LocatedTask[]>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const located = [
      ...(epics ? epicTasks(file, scoper) : []),
      ...file.plan.tasks.map((t) => locateTask(file, t, scoper)),
    ];
    for (const one of located) byId.set(one.key, [...(byId.get(one.key) ?? []), one]);
  }
  const winners: LocatedTask[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const [id, found] of byId) {
    const ownerFile = owners.get(id)?.marker.file;
    const winner = found.find((f) => f.file.path === ownerFile) ?? found[0]!;
    winners.push(winner);
    for (const loser of found.filter((f) => f !== winner)) {
      const list = diagnostics.get(loser.file.path) ?? [];
      list.push(crossFileDuplicate(loser, winner.file.path));
      diagnostics.set(loser.file.path, list);
    }
  }
  return { winners, diagnostics };
}

/** A task with its file, scope and key. */
export function locateTask(file: PlanFile, task: Task, scoper: Scoper): LocatedTask {
  const scope = scoper(file.path, task.id);
  return { task, file, scope, key: taskKey(task.id, scope) };
}

function crossFileDuplicate({ task, scope }: LocatedTask, keptIn: string): Diagnostic {
  const where = scope === null ? "" : ` within ${scope}`;
  return {
    severity: "error",
    code: "duplicate-id",
    message: `Task ID ${task.id} is also used in ${keptIn}, which keeps it${where}; this copy is ignored. Give this task a new ID.`,
    line: task.line,
    column: task.column,
  };
}
