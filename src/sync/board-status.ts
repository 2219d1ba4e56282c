import type { PlansyncConfig } from "../config/config-schema.js";
import type { StatusRole } from "./board-types.js";

const ROLES: readonly StatusRole[] = ["todo", "inProgress", "done"];

/** A task's Status in doc terms: `[x]` done, `[~]` `[/]` `[-]` in progress, anything else (no box included) todo. */
export function statusRole(task: { checked: boolean | null; inProgress: boolean }): StatusRole {
  if (task.checked === true) return "done";
  return task.inProgress ? "inProgress" : "todo";
}

/**
 * The role a board's Status option stands for, by config `project.status` (any listed name reads
 * back, compared ignoring case and surrounding space); null for an option no list names, such as
 * a team's own `Blocked` column: the doc has no mark for it, so it is neither written nor read back.
 */
export function statusOfOption(optionName: string, config: PlansyncConfig): StatusRole | null {
  const name = optionKey(optionName);
  return ROLES.find((role) => config.project.status[role].some((listed) => optionKey(listed) === name)) ?? null;
}

/** How option names are compared: ignoring case, surrounding space and runs of inner space. */
export function optionKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}
