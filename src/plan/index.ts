export { parsePlan, type ParseOptions } from "./parse-plan.js";
export { setChecklistStates, setTaskState, setTaskStates, UnknownTaskError } from "./set-task-state.js";
export type { ChecklistItem, Diagnostic, Epic, Milestone, Plan, Severity, Task } from "./plan-types.js";
