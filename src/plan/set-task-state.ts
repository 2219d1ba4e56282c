import { markFor, markMeaning, type MarkMeaning } from "./checkbox-mark.js";
import { markForTarget, markTargetOf, meetsTarget, retargetMark, type MarkTarget } from "./mark-target.js";
import { parsePlan, type ParseOptions } from "./parse-plan.js";
import { idKey } from "./task-id.js";
import type { StatusField, Task } from "./plan-types.js";
import { BACKLOG_STATUS, readStatus, type TaskStatusValues } from "./task-file-status.js";

export class UnknownTaskError extends Error {
  constructor(
    readonly id: string,
    readonly knownIds: readonly string[],
  ) {
    const known = knownIds.length ? knownIds.join(", ") : "none";
    super(`No task ${id} in this document. Its task IDs are: ${known}.`);
    this.name = "UnknownTaskError";
  }
}

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/**
 * Ticks or unticks one task's checkbox and returns the new source. Only the mark between the
 * brackets changes, and only when the state does (`[~]` stays `[~]` while the task is open,
 * `[✓]` stays while it is done); a task written without a checkbox gains `[x] ` when marked done. The source
 * is re-parsed every time, so stale offsets can never be applied to a changed file.
 */
export function setTaskState(source: string, id: string, done: boolean, options: ParseOptions = {}): string {
  return setTaskStates(source, new Map([[id, done]]), options);
}

/**
 * Several checkbox changes from one parse: how a batch of closed issues becomes one commit. A
 * boolean is done or open; a MarkTarget (mark-target.ts) also says todo or in progress.
 */
export function setTaskStates(
  source: string,
  changes: ReadonlyMap<string, boolean | MarkTarget>,
  options: ParseOptions = {},
): string {
  const plan = parsePlan(source, options);
  const tasks = new Map(plan.tasks.map((t) => [idKey(t.id), t]));
  const edits = [...changes].flatMap(([id, target]) => checkboxEdit(source, tasks, id, markTargetOf(target), options));
  // Right to left, so that an insertion never shifts an offset still to be applied.
  edits.sort((a, b) => b.at - a.at);
  return edits.reduce((text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove), source);
}

function checkboxEdit(
  source: string,
  tasks: ReadonlyMap<string, Task>,
  id: string,
  target: MarkTarget,
  options: ParseOptions,
): Edit[] {
  const task = tasks.get(idKey(id));
  if (!task)
    throw new UnknownTaskError(
      id,
      [...tasks.values()].map((t) => t.id),
    );
  if (task.statusField !== undefined) return statusEdit(source, task.statusField, target, options);
  const { markOffset, mark, contentOffset } = task.checkbox;
  // A box-less task whose status emoji already says the state needs no box; one whose emoji says
  // done (`- ✅ T1`) gets an open box on reopening, which then outranks the emoji as a box does.
  if (markOffset === null || mark === null) {
    if (meetsTarget(boxlessMeaning(task), target)) return [];
    return [{ at: contentOffset, remove: 0, insert: `[${markForTarget(target)}] ` }];
  }
  const next = retargetMark(mark, target);
  return next === null ? [] : [{ at: markOffset, remove: mark.length, insert: next }];
}

/** A box-less task's state, from its status emoji; null when it writes none. */
function boxlessMeaning(task: Task): MarkMeaning | null {
  if (task.checked === true) return "done";
  if (task.inProgress) return "in-progress";
  return task.checked === false ? "open" : null;
}

/**
 * A task file's state is its `status:` value: only the value node's bytes change, and only when
 * its meaning differs (`In Progress` stays while the task is open). A quoted value keeps its
 * quotes; a block scalar or an alias becomes one plain value in the same place. A comment after
 * the value, an anchor or a tag before it, and every other byte stay as they are.
 */
function statusEdit(source: string, field: StatusField | null, target: MarkTarget, options: ParseOptions): Edit[] {
  if (field === null) return [];
  const values = options.taskStatus ?? BACKLOG_STATUS;
  if (meetsTarget(readStatus(field.value, values), target)) return [];
  const value = statusFor(target, values);
  const insert = quoted(value, field.quote);
  return [
    { at: field.offset, remove: field.length, insert: field.length ? insert : spaced(source, field.offset, insert) },
  ];
}

/** The value write-back writes: the first configured one for the target (`open` and `todo` alike). */
function statusFor(target: MarkTarget, values: TaskStatusValues): string {
  if (target === "done") return values.done[0] ?? "Done";
  return target === "inProgress" ? (values.inProgress[0] ?? "In Progress") : (values.open[0] ?? "To Do");
}

/**
 * An empty value sits right after `status:` or before a comment: the new one is set apart from
 * the colon, and from a `#` that would otherwise become part of a plain value.
 */
function spaced(source: string, at: number, value: string): string {
  const before = /[ \t]/.test(source[at - 1] ?? "") ? "" : " ";
  const after = /[ \t\r\n]/.test(source[at] ?? "\n") ? "" : " ";
  return before + value + after;
}

/** The value in the scalar's own quotes; plain when YAML reads it back as the same text, else double-quoted. */
function quoted(value: string, quote: StatusField["quote"]): string {
  if (quote === "'") return `'${value.replaceAll("'", "''")}'`;
  if (quote === '"') return JSON.stringify(value);
  const plain = /^[A-Za-z][\w .-]*$/.test(value) && !value.endsWith(" ");
  return plain && !/^(true|false|yes|no|on|off|null)$/i.test(value) ? value : JSON.stringify(value);
}

/** Replaces the whole mark (`✔️` is two UTF-16 units) when its meaning differs from `done`. */
function markEdit(at: number, mark: string, done: boolean): Edit[] {
  const isDone = markMeaning(mark) === "done";
  return isDone === done ? [] : [{ at, remove: mark.length, insert: markFor(done) }];
}

/**
 * Ticks or unticks a task's checklist items, matched by their text in order (the first unused
 * item with that text). Items the doc does not have are ignored; only mark bytes change.
 */
export function setChecklistStates(
  source: string,
  id: string,
  wanted: readonly { text: string; checked: boolean }[],
  options: ParseOptions = {},
): string {
  const task = parsePlan(source, options).tasks.find((t) => idKey(t.id) === idKey(id));
  if (!task) return source;
  const unused = [...task.checklist];
  const edits: Edit[] = [];
  for (const item of wanted) {
    const index = unused.findIndex((c) => c.text === item.text);
    if (index === -1) continue;
    const [match] = unused.splice(index, 1);
    edits.push(...markEdit(match!.markOffset, match!.mark, item.checked));
  }
  edits.sort((a, b) => b.at - a.at);
  return edits.reduce((text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove), source);
}
