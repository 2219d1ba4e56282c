const TASKS_PER_EPIC = 50;
const EPICS_PER_PHASE = 10;
const VERBS = ["Add", "Fix", "Sync", "Bill", "Tag", "Log", "Cap", "Map"];
const NOUNS = ["fees", "taxes", "usage", "seats", "plans", "notes", "rates"];
const STEPS = ["API", "DB", "job", "UI", "docs"];
const CHECKS = ["ok", "green", "tested"];
const POINTS = [2, 3, 5, 8];

/**
 * A deterministic task-list plan of `taskCount` tasks (GEN-1…), each with two sub-bullets, in
 * phases and epics. About 84 bytes a task: 12,500 tasks come to about 1 MB.
 */
export function generatePlan(taskCount: number): string {
  const out = ["# Milestone: `Backend: generated - M9.1 - Large plan`", ""];
  for (let i = 1; i <= taskCount; i++) {
    const epic = Math.floor((i - 1) / TASKS_PER_EPIC) + 1;
    if ((i - 1) % TASKS_PER_EPIC === 0) {
      if ((epic - 1) % EPICS_PER_PHASE === 0) out.push(`## Phase ${Math.floor((epic - 1) / EPICS_PER_PHASE) + 1}`, "");
      out.push(`### Epic ${epic}`, "");
    }
    const box = i % 10 === 0 ? "[x]" : "[ ]";
    const title = `${VERBS[i % VERBS.length]} ${NOUNS[(i * 3) % NOUNS.length]}`;
    out.push(
      `- ${box} **[GEN-${i}]** ${title} *(${POINTS[i % POINTS.length]} points)*`,
      `  - ${STEPS[i % STEPS.length]}`,
      `  - **Success Criteria:** ${CHECKS[i % CHECKS.length]}`,
    );
    if (i % TASKS_PER_EPIC === 0 || i === taskCount) out.push("");
  }
  return out.join("\n");
}
