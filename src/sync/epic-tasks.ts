import type { Epic, Task } from "../plan/index.js";
import { locateTask, type LocatedTask } from "./collect-tasks.js";
import type { PlanFile } from "./sync-types.js";
import type { Scoper } from "./task-scope.js";

/**
 * The file's epics as tasks, so that an epic's issue is made, found and kept by the same code
 * as a story's. An epic is done when every one of its stories is; one without stories is only a
 * heading and gets no issue.
 */
export function epicTasks(file: PlanFile, scoper: Scoper): LocatedTask[] {
  return file.plan.epics.flatMap((epic) => {
    const stories = file.plan.tasks.filter((t) => t.epic === epic.id);
    if (stories.length === 0) return [];
    return [{ ...locateTask(file, epicTask(epic, stories), scoper), epic: true }];
  });
}

function epicTask(epic: Epic, stories: readonly Task[]): Task {
  return {
    id: epic.id,
    title: epic.title,
    checked: stories.every((s) => s.checked === true),
    inProgress: false,
    optional: false,
    line: epic.line,
    column: epic.column,
    points: null,
    milestone: epic.milestone,
    section: [],
    labels: [],
    parent: null,
    markers: [],
    body: epic.body,
    checklist: [],
    fields: epic.fields,
    checkbox: { markOffset: null, mark: null, contentOffset: 0 },
    dependsOn: epic.dependsOn,
    epic: null,
  };
}
