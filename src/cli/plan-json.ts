import type { Plan } from "../plan/index.js";

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
      title: t.title,
      checked: t.checked,
      line: t.line,
      points: t.points,
      milestone: t.milestone,
      labels: t.labels,
      section: t.section,
      parent: t.parent,
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
