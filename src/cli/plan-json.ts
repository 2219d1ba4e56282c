import type { Plan } from "../plan/index.js";
import { createScoper } from "../sync/task-scope.js";
import type { MilestoneProgress } from "../sync/milestone-progress.js";
import { donePercent, tasksDone } from "../sync/progress-bar.js";

const scoper = createScoper([]);

/** The documented `plansync plan --json` shape: stable field order, nothing internal. */
export function planJson(path: string, plan: Plan) {
  return {
    path,
    milestone: plan.milestone && {
      title: plan.milestone.title,
      dueOn: plan.milestone.dueOn,
      state: plan.milestone.state,
    },
    tasks: plan.tasks.map((t) => ({
      id: t.id,
      scope: scoper(path, t.id),
      title: t.title,
      checked: t.checked,
      line: t.line,
      points: t.points,
      milestone: t.milestone,
      labels: t.labels,
      section: t.section,
      parent: t.parent,
      inProgress: t.inProgress,
      optional: t.optional,
      dependsOn: t.dependsOn,
    })),
    diagnostics: plan.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      line: d.line,
      column: d.column,
    })),
  };
}

/** `progress` in `plansync plan --json`: each milestone the docs name, as far as their boxes say. */
export function progressJson(progress: ReadonlyMap<string, MilestoneProgress>) {
  return [...progress].map(([milestone, p]) => ({
    milestone,
    tasks: p.tasks,
    done: p.done,
    points: p.points,
    donePoints: p.donePoints,
    percent: donePercent(tasksDone(p)),
  }));
}
