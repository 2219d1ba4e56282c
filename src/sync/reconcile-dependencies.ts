import type { PlansyncConfig } from "../config/config-schema.js";
import type { Diagnostic } from "../plan/index.js";
import type { LocatedTask } from "./collect-tasks.js";
import { addTaskWarning } from "./task-warning.js";
import { issueRef, type Operation, type RemoteIssue } from "./sync-types.js";
import { taskKey, type Scoper } from "./task-scope.js";

/** GitHub's cap on "blocked by" links per issue. */
export const MAX_BLOCKED_BY = 50;

/** A blocker the doc names and plansync links: its ID (as the marker records it) and its key. */
interface Blocker {
  id: string;
  key: string;
}

export interface DependencyPlan {
  /** The blockers each task's issue should have, by task key. */
  blockers: Map<string, Blocker[]>;
  diagnostics: Map<string, Diagnostic[]>;
}

/**
 * The "blocked by" links the docs ask for: a task's dependency field and the notes naming it,
 * an epic's (`Epic 0 complete`). A dependency on an ID no plan file has, on the task itself, or
 * one that closes a cycle (looked for among the files read) is a warning on the task's line and
 * no link.
 */
export function desiredDependencies(
  winners: readonly LocatedTask[],
  scoper: Scoper,
  config: PlansyncConfig,
  /** Keys of tasks in plan files this sync did not read (their issues): they exist too. */
  elsewhere: ReadonlySet<string>,
): DependencyPlan {
  const diagnostics = new Map<string, Diagnostic[]>();
  const blockers = new Map<string, Blocker[]>();
  if (!config.hierarchy.dependencies) return { blockers, diagnostics };
  const present = new Map(winners.map((w) => [w.key, w]));
  const warn = (located: LocatedTask, message: string) => addTaskWarning(diagnostics, located, "dependency", message);
  for (const located of winners) {
    const { task, file } = located;
    const valid: Blocker[] = [];
    for (const id of task.dependsOn) {
      const key = taskKey(id, scoper(file.path, id));
      if (key === located.key) warn(located, `${task.id} names itself as a dependency; that is left out.`);
      else if (!present.has(key) && !elsewhere.has(key))
        warn(
          located,
          `${task.id} depends on ${id}, which is no task in the plan files; no link is made. Fix the ID, or add the task.`,
        );
      else valid.push({ id, key });
    }
    if (valid.length > MAX_BLOCKED_BY)
      warn(
        located,
        `${task.id} depends on ${valid.length} tasks; GitHub allows ${MAX_BLOCKED_BY} "blocked by" links, so only the first ${MAX_BLOCKED_BY} are made.`,
      );
    blockers.set(located.key, valid.slice(0, MAX_BLOCKED_BY));
  }
  breakCycles(winners, blockers, warn);
  return { blockers, diagnostics };
}

/** Drops each dependency that closes a cycle (found depth-first, in doc order), with a warning. */
function breakCycles(
  winners: readonly LocatedTask[],
  blockers: Map<string, Blocker[]>,
  warn: (located: LocatedTask, message: string) => void,
): void {
  const state = new Map<string, "open" | "done">();
  const byKey = new Map(winners.map((w) => [w.key, w]));
  const visit = (key: string): void => {
    state.set(key, "open");
    for (const blocker of [...(blockers.get(key) ?? [])]) {
      const seen = state.get(blocker.key);
      if (seen === "open") {
        const located = byKey.get(key)!;
        warn(
          located,
          `${located.task.id} depends on ${blocker.id}, which already waits for ${located.task.id}: a cycle. This link is not made; fix the order in the doc.`,
        );
        blockers.set(
          key,
          blockers.get(key)!.filter((b) => b !== blocker),
        );
      } else if (seen === undefined) visit(blocker.key);
    }
    state.set(key, "done");
  };
  for (const { key } of winners) if (!state.has(key)) visit(key);
}

/**
 * The link changes per issue. Plansync removes only links its marker records and the doc no
 * longer names; a link a human added is never in the marker, so never touched. An unchanged
 * record costs nothing, unless GitHub counts fewer blockers than the record (a sync cut off
 * before its links): then the links are read and the missing ones made.
 */
export function reconcileDependencies(
  winners: readonly LocatedTask[],
  plan: DependencyPlan,
  owners: ReadonlyMap<string, RemoteIssue>,
  scoper: Scoper,
): Operation[] {
  const ref = (key: string) => issueRef(key, owners);
  return winners.flatMap((located): Operation[] => {
    const wanted = plan.blockers.get(located.key);
    if (wanted === undefined) return [];
    const remote = owners.get(located.key);
    const owned = remote?.marker.deps ?? [];
    const fresh = wanted.filter((b) => !owned.includes(b.id));
    const gone = owned.filter((id) => !wanted.some((b) => b.id === id));
    const unmade = fresh.length === 0 && gone.length === 0 && remote !== undefined && remote.blockedBy < wanted.length;
    const add = unmade ? wanted : fresh;
    const remove = gone.flatMap((id) => {
      const issue = owners.get(taskKey(id, scoper(located.file.path, id)));
      return issue ? [{ number: issue.number, taskId: id }] : [];
    });
    if (add.length === 0 && remove.length === 0) return [];
    return [
      {
        kind: "set-blocked-by",
        issue: ref(located.key),
        taskId: located.key,
        add: add.map((b) => ({ ref: ref(b.key), taskId: b.id })),
        remove,
        read: remote !== undefined,
      },
    ];
  });
}

/** The IDs each task's marker should record once its links are made. */
export function ownedDependencies(
  plan: DependencyPlan,
  located: LocatedTask,
  remote: RemoteIssue | undefined,
): string[] {
  const wanted = plan.blockers.get(located.key);
  return wanted === undefined ? (remote?.marker.deps ?? []) : wanted.map((b) => b.id);
}
