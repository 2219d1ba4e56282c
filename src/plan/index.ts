export { parsePlan, type ParseOptions } from "./parse-plan.js";
export { setChecklistStates, setTaskState, setTaskStates, UnknownTaskError } from "./set-task-state.js";
export { markTargetOf, type MarkTarget } from "./mark-target.js";
export type { ChecklistItem, Diagnostic, Epic, Milestone, Plan, Severity, Task } from "./plan-types.js";
export { BAD_FRONTMATTER, isUnreadable, UNREADABLE_FILE } from "./unreadable-plan.js";
export { MAX_NESTING_DEPTH, MAX_PLAN_BYTES } from "./input-limits.js";
