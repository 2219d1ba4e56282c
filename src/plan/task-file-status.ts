/**
 * What a task file's `status:` value means. Backlog.md writes `To Do`, `In Progress` and `Done`;
 * a repository may name others in .github/plansync.yml (`taskFiles.status`). Values compare
 * without regard to case or spacing, so `to do` and `To  Do` are `To Do`.
 */
export interface TaskStatusValues {
  open: readonly string[];
  inProgress: readonly string[];
  done: readonly string[];
}

export type TaskStatus = "open" | "in-progress" | "done";

export const BACKLOG_STATUS: TaskStatusValues = { open: ["To Do"], inProgress: ["In Progress"], done: ["Done"] };

/** Lowercase, runs of spaces made one, trimmed: a linear scan, no regex over user text. */
function statusKey(value: string): string {
  return value.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

/** The meaning of a status value, or null when it is none of the configured ones. */
export function readStatus(value: string, values: TaskStatusValues = BACKLOG_STATUS): TaskStatus | null {
  const key = statusKey(value);
  const has = (list: readonly string[]) => list.some((v) => statusKey(v) === key);
  if (has(values.done)) return "done";
  if (has(values.inProgress)) return "in-progress";
  return has(values.open) ? "open" : null;
}

/** The value write-back writes: the first configured one for the state. */
export function statusValue(done: boolean, values: TaskStatusValues = BACKLOG_STATUS): string {
  return (done ? values.done[0] : values.open[0]) ?? (done ? "Done" : "To Do");
}
