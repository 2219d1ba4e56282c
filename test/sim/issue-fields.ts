import type { LabelRecord, RepoState, SimUser } from "./records.js";
import type { FieldError } from "./responses.js";
import type { SimState } from "./sim-state.js";

/** Resolution of the label, milestone and assignee fields shared by issue create and update. */

export type LabelInput = string | { name?: string };

/** GitHub picks a random color for labels it creates implicitly; a fixed one keeps tests stable. */
export const AUTO_LABEL_COLOR = "ededed";

export function findLabel(repo: RepoState, name: string): LabelRecord | undefined {
  const key = name.toLowerCase();
  return repo.labels.find((label) => label.name.toLowerCase() === key);
}

export function addLabel(
  state: SimState,
  repo: RepoState,
  name: string,
  color: string,
  description: string | null,
): LabelRecord {
  const label: LabelRecord = { id: state.nextId(), name, color: color.toLowerCase(), description };
  repo.labels.push(label);
  return label;
}

/** Label ids for the given names, creating labels that do not exist yet (as GitHub does). */
export function resolveLabels(state: SimState, repo: RepoState, inputs: LabelInput[]): number[] {
  const ids: number[] = [];
  for (const input of inputs) {
    const name = (typeof input === "string" ? input : (input.name ?? "")).trim();
    if (name === "") continue;
    const label = findLabel(repo, name) ?? addLabel(state, repo, name, AUTO_LABEL_COLOR, null);
    if (!ids.includes(label.id)) ids.push(label.id);
  }
  return ids;
}

/** A milestone number for the request value; unknown numbers are a 422 like on GitHub. */
export function resolveMilestone(repo: RepoState, value: unknown): { number: number | null } | { error: FieldError } {
  if (value === null || value === undefined) return { number: null };
  const number = typeof value === "number" ? value : /^\d+$/.test(String(value)) ? Number(value) : NaN;
  if (!repo.milestones.has(number)) return { error: { value, resource: "Issue", field: "milestone", code: "invalid" } };
  return { number };
}

/** Keeps assignable logins; GitHub silently drops the others. */
export function resolveAssignees(state: SimState, repo: RepoState, logins: unknown[]): SimUser[] {
  const users: SimUser[] = [];
  for (const item of logins) {
    const login = typeof item === "string" ? item : (item as { login?: string } | null)?.login;
    if (!login || !repo.collaborators.has(login.toLowerCase())) continue;
    const user = state.user(login);
    if (!users.includes(user)) users.push(user);
  }
  return users;
}
