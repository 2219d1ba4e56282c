import type { Plan, Task } from "../plan/index.js";
import type { MilestoneProgress } from "../sync/milestone-progress.js";
import { milestoneBar } from "../sync/progress-bar.js";

const box = (t: Task) => (t.checkbox.mark === null ? "   " : `[${t.checked ? "x" : t.inProgress ? "~" : " "}]`);

/** A readable report of one file: milestone, one row per task, then the warnings and errors. */
export function renderTable(path: string, plan: Plan): string {
  const lines = [`${path}`];
  if (plan.milestone) {
    const due = plan.milestone.dueOn ? `, due ${plan.milestone.dueOn}` : "";
    lines.push(`  milestone: ${plan.milestone.title} (${plan.milestone.state}${due})`);
  }
  const idWidth = Math.max(2, ...plan.tasks.map((t) => t.id.length));
  for (const t of plan.tasks) {
    const points = t.points === null ? "    " : `${String(t.points).padStart(2)}pt`;
    const where = t.section.length ? `  · ${t.section[t.section.length - 1]}` : "";
    lines.push(`  ${String(t.line).padStart(5)}  ${box(t)} ${t.id.padEnd(idWidth)}  ${points}  ${t.title}${where}`);
  }
  lines.push(`  ${plan.tasks.length} task${plan.tasks.length === 1 ? "" : "s"}`);
  const shown = plan.diagnostics.filter((d) => d.severity !== "info");
  for (const d of shown) lines.push(`  ${path}:${d.line}:${d.column} ${d.severity} [${d.code}] ${d.message}`);
  const unassigned = plan.unassigned.length;
  if (unassigned > 0)
    lines.push(
      `  (${unassigned} checkbox item${unassigned === 1 ? "" : "s"} in task sections without a task ID ignored; \`plansync ids ${path}\` numbers them)`,
    );
  return lines.join("\n");
}

/** `Milestones` and a bar each, titles aligned, as the check run shows them; nothing without milestones. */
export function renderProgress(progress: ReadonlyMap<string, MilestoneProgress>): string {
  if (progress.size === 0) return "";
  const width = Math.max(...[...progress.keys()].map((title) => title.length));
  const lines = [...progress].map(([title, p]) => `  ${title.padEnd(width)}  ${milestoneBar(p)}`);
  return ["Milestones", ...lines].join("\n");
}
