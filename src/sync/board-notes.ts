import type { PlansyncConfig } from "../config/config-schema.js";
import type { BoardProblem, BoardRole, ProjectField, StatusRole } from "./board-types.js";
import { ROLE_FIELD_TYPES } from "./board-fields.js";
import { neutralizeText } from "./neutralize-mentions.js";

/** Check-run lines about boards. Doc text in them is neutralised: a check run must ping no one. */

const TYPE_WORDS: Record<string, string> = {
  SINGLE_SELECT: "single-select",
  ITERATION: "iteration",
  NUMBER: "number",
  DATE: "date",
};

const PROBLEM_FIXES: Record<BoardProblem["reason"], string> = {
  missing:
    "Check the address in project.url in .github/plansync.yml or in the doc's frontmatter project:, and that the project exists.",
  forbidden:
    "Give plansync access to it: the App needs the organisation permission Projects (read and write); a token needs the project scope (Actions' GITHUB_TOKEN cannot reach organisation projects).",
  unsupported: "Use a Projects board (not a classic project) owned by an organisation or a user.",
  elsewhere: "Name a project on the repository's own GitHub host in project.url or the doc's frontmatter project:.",
  limit: "Name fewer projects in project.url and the docs' frontmatter project:.",
};

/** One line per project that could not be read; its cards are left alone and their records kept. */
export function problemNote(problem: BoardProblem): string {
  return `Board ${problem.key}: ${clip(problem.message, 300)} ${PROBLEM_FIXES[problem.reason]} Its cards were left as they are.`;
}

export function missingFieldNote(key: string, role: BoardRole, config: PlansyncConfig): string {
  const name = config.project.fields[role];
  return `Board ${key}: no field named ${shown(name)}; add a ${typeWord(role)} field named ${shown(name)}, or set project.fields.${role} in .github/plansync.yml to the field's name.`;
}

export function wrongTypeNote(key: string, role: BoardRole, field: ProjectField): string {
  return `Board ${key}: the field ${shown(field.name)} is a ${clip(field.dataType)} field, not a ${typeWord(role)} one, so plansync does not fill it; add a ${typeWord(role)} field and set project.fields.${role} in .github/plansync.yml to its name.`;
}

/** A doc value the field has no option or iteration for: nothing is written until it has. */
export function unresolvedNote(
  key: string,
  role: BoardRole,
  field: ProjectField,
  value: string | number,
  config: PlansyncConfig,
): string {
  if (role === "status") {
    const names = config.project.status[value as StatusRole] ?? [];
    return `Board ${key}: the field ${shown(field.name)} has no option named ${names.map(shown).join(" or ")}; add the option, or list one of its options under project.status.${value} in .github/plansync.yml.`;
  }
  const what = role === "iteration" ? "iteration titled" : "option named";
  return `Board ${key}: the field ${shown(field.name)} has no ${what} ${shown(String(value))}; add the ${role === "iteration" ? "iteration" : "option"}, or change the doc.`;
}

function typeWord(role: BoardRole): string {
  return TYPE_WORDS[ROLE_FIELD_TYPES[role]]!;
}

function shown(text: string): string {
  return `"${clip(text)}"`;
}

function clip(text: string, max = 100): string {
  return neutralizeText(text.length > max ? `${text.slice(0, max)}…` : text);
}
