import type { PlansyncConfig } from "../config/config-schema.js";
import { calendarDate } from "./board-doc-fields.js";
import { iterationKey } from "./board-iteration.js";
import { priorityKey } from "./board-priority.js";
import { optionKey, statusOfOption } from "./board-status.js";
import type { BoardRole, ProjectBoard, ProjectField, ProjectFieldValue, StatusRole } from "./board-types.js";

/** The field type each role is written to; plansync writes no other type (a TEXT field is not used). */
export const ROLE_FIELD_TYPES: Record<BoardRole, string> = {
  status: "SINGLE_SELECT",
  priority: "SINGLE_SELECT",
  iteration: "ITERATION",
  estimate: "NUMBER",
  start: "DATE",
  target: "DATE",
};

/** A role's value in doc terms: a StatusRole, a number, or doc text; undefined for none. */
export type RoleValue = string | number | undefined;

/**
 * The board's field for a role, by config `project.fields` name ignoring case: `found` when its
 * type is the role's, `wrongType` when the name is taken by another type, undefined when no field has it.
 */
export function roleField(
  project: ProjectBoard,
  role: BoardRole,
  config: PlansyncConfig,
): { found: ProjectField } | { wrongType: ProjectField } | undefined {
  const name = optionKey(config.project.fields[role]);
  const named = project.fields.filter((f) => optionKey(f.name) === name);
  const found = named.find((f) => f.dataType === ROLE_FIELD_TYPES[role]);
  if (found) return { found };
  return named[0] ? { wrongType: named[0] } : undefined;
}

/**
 * The doc value as the field takes it; null when it names no option or iteration there. A
 * status writes the first configured name of its role on the board that also reads back as it.
 */
export function resolveValue(
  role: BoardRole,
  value: string | number,
  field: ProjectField,
  config: PlansyncConfig,
): ProjectFieldValue | null {
  switch (role) {
    case "status": {
      const names = config.project.status[value as StatusRole] ?? [];
      for (const name of names) {
        const option = field.options?.find((o) => optionKey(o.name) === optionKey(name));
        if (option && statusOfOption(option.name, config) === value) return { singleSelectOptionId: option.id };
      }
      return null;
    }
    case "priority": {
      const option = field.options?.find((o) => priorityKey(o.name) === priorityKey(String(value)));
      return option ? { singleSelectOptionId: option.id } : null;
    }
    case "iteration": {
      const iteration = field.iterations?.find((i) => iterationKey(i.title) === iterationKey(String(value)));
      return iteration ? { iterationId: iteration.id } : null;
    }
    case "estimate":
      return typeof value === "number" && Number.isFinite(value) ? { number: value } : null;
    case "start":
    case "target": {
      const date = typeof value === "string" ? calendarDate(value) : null;
      return date === null ? null : { date };
    }
  }
}

/** Marks a card value that stands for nothing in doc terms (a `Blocked` column, an unknown id): it equals no doc value. */
const UNKNOWN = "\u0000";

/**
 * The card's value in doc terms: an option's role (status) or name (priority), an iteration's
 * title, a number, a date. Undefined when the card has none; a value with no doc meaning reads
 * as a non-empty value that equals no doc value.
 */
export function currentValue(
  role: BoardRole,
  field: ProjectField,
  value: ProjectFieldValue | undefined,
  config: PlansyncConfig,
): RoleValue {
  if (value === undefined || value === null) return undefined;
  // The read is the adapter's, from GitHub's answer: a value of no known shape means something, not nothing.
  if (typeof value !== "object") return UNKNOWN;
  if ("singleSelectOptionId" in value) {
    const option = field.options?.find((o) => o.id === value.singleSelectOptionId);
    if (!option) return UNKNOWN;
    if (role === "status") return statusOfOption(option.name, config) ?? UNKNOWN + option.name;
    return role === "priority" ? option.name : UNKNOWN;
  }
  if ("iterationId" in value) {
    const iteration = field.iterations?.find((i) => i.id === value.iterationId);
    return role === "iteration" && iteration ? iteration.title : UNKNOWN;
  }
  if ("number" in value) return role === "estimate" && Number.isFinite(value.number) ? value.number : UNKNOWN;
  if ("date" in value) {
    const date = typeof value.date === "string" ? calendarDate(value.date) : null;
    return (role === "start" || role === "target") && date !== null ? date : UNKNOWN;
  }
  return UNKNOWN;
}

/** True for a status role the doc can state: only then does a moved card ask the doc to follow. */
export function isStatusRole(value: RoleValue): value is StatusRole {
  return value === "todo" || value === "inProgress" || value === "done";
}

/** Whether two values in doc terms are the same for a role: names compare as the board matches them. */
export function sameValue(role: BoardRole, a: RoleValue, b: RoleValue): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (typeof a === "number" || typeof b === "number") return a === b;
  if (a.startsWith(UNKNOWN) || b.startsWith(UNKNOWN)) return false;
  return sameValueKey(role, a) === sameValueKey(role, b);
}

/** A value as sameValue compares it: names as the board matches them, anything else as written. */
export function sameValueKey(role: BoardRole, value: string | number): string {
  if (typeof value === "number") return String(value);
  if (role === "priority") return priorityKey(value);
  return role === "iteration" ? iterationKey(value) : value;
}

/**
 * A recorded (marker) value, checked: anyone can edit a marker, so a value of the wrong kind for
 * its role reads as never agreed.
 */
export function agreedValue(role: BoardRole, value: unknown): RoleValue {
  switch (role) {
    case "status":
      return isStatusRole(value as RoleValue) ? (value as StatusRole) : undefined;
    case "estimate":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    case "start":
    case "target":
      return typeof value === "string" && calendarDate(value) === value ? value : undefined;
    default:
      return typeof value === "string" && value.length > 0 && value.length <= 200 && !value.startsWith(UNKNOWN)
        ? value
        : undefined;
  }
}
