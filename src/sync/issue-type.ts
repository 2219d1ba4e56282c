import type { PlansyncConfig } from "../config/config-schema.js";
import { neutralizeText } from "./neutralize-mentions.js";
import type { Operation, RemoteIssue } from "./sync-types.js";

/**
 * Issue types (config `types`): the type a task's issue should have, the three-way decision that
 * leaves a human's change of type alone, and the check run's note when the owner has no such type.
 * A type is a name; GitHub matches names ignoring case, and plansync writes GitHub's spelling.
 *
 * A desired type is a name, null when the owner defines no such type (or is a user), or undefined
 * when plansync leaves types alone: the config sets none for the kind, or types were not read.
 */
export type DesiredType = string | null | undefined;

/** The configured name for a kind of task; null when the config sets none (`types: false`). */
export function configuredType(epic: boolean, config: PlansyncConfig): string | null {
  return epic ? config.types.epic : config.types.task;
}

/** True when some kind has a configured type: only then are the owner's types read. */
export function typesConfigured(config: PlansyncConfig): boolean {
  return config.types.task !== null || config.types.epic !== null;
}

/**
 * The type a task's issue should have, in GitHub's spelling (`issueTypes` maps each name the
 * owner defines to its node id; null for a user-owned repository, absent when not read). When
 * they were not read, an issue that already carries the configured type (`current`) proves the
 * owner has it, in GitHub's spelling: that costs no query (needsIssueTypes), and a marker from
 * before types records it whenever it is written anyway.
 */
export function desiredType(
  epic: boolean,
  config: PlansyncConfig,
  issueTypes: ReadonlyMap<string, string> | null | undefined,
  current?: string | null,
): DesiredType {
  const name = configuredType(epic, config);
  if (name === null) return undefined;
  if (issueTypes === undefined) return typeof current === "string" && sameType(current, name) ? current : undefined;
  return issueTypeName(name, issueTypes) ?? null;
}

/** The owner's spelling of `name`, matched ignoring case; undefined when it defines none such. */
export function issueTypeName(name: string, issueTypes: ReadonlyMap<string, string> | null): string | undefined {
  const key = name.toLowerCase();
  return [...(issueTypes?.keys() ?? [])].find((known) => known.toLowerCase() === key);
}

export function sameType(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export interface TypeDecision {
  /** The type to set on the issue; absent to leave it. plansync never removes a type. */
  set?: string;
  /** What the marker records as agreed when it is written; undefined records nothing. */
  record: string | null | undefined;
}

/**
 * Three-way, as for state (decideState): the marker's `type` is what doc and issue last agreed
 * on. The doc's kind (or the config's name) moved away from it while the issue still has it: set
 * it. The issue's type moved (a human) while the doc did not: leave it. A marker from before
 * types records none: the issue gets the type when it has none, and the type is recorded.
 * `remote` undefined: the issue's type was not read, so nothing is decided. `doc` null (a user's
 * repository, or an organisation without the type) sets nothing and removes nothing: the issue
 * keeps whatever type it has, and the marker keeps the agreed one, so a later sync that can set
 * the type (or an owner kind misread once) decides from the same agreement, without churn.
 */
export function decideType(
  doc: DesiredType,
  agreed: string | null | undefined,
  remote: string | null | undefined,
): TypeDecision {
  if (doc === undefined || remote === undefined) return { record: agreed };
  if (sameType(remote, doc)) return { record: doc };
  if (doc === null) return { record: agreed };
  if (agreed === undefined) return remote === null ? { set: doc, record: doc } : { record: agreed };
  if (sameType(doc, agreed)) return { record: agreed };
  if (sameType(remote, agreed)) return { set: doc, record: doc };
  // Both moved: the doc's new kind is agreed, and the human's type stays.
  return { record: doc };
}

/**
 * True when this sync's verdict may depend on the owner's types, so they are worth one query:
 * it creates or updates an issue (the type travels in that write; a task that became an epic
 * is an update), or some issue's type would be set (mayTakeType). A sync that writes nothing
 * and sets no type reads none: the steady state, even with markers from before types, costs 0.
 */
export function needsIssueTypes(
  config: PlansyncConfig,
  operations: readonly Operation[],
  issues: readonly RemoteIssue[],
): boolean {
  if (!typesConfigured(config)) return false;
  if (operations.some((op) => op.kind === "create-issue" || op.kind === "update-issue")) return true;
  return issues.some((issue) =>
    mayTakeType(configuredType(issue.marker.epic === true, config), issue.marker.type, issue.type),
  );
}

/**
 * Whether decideType could set this issue's type once the owner's types are known: the marker is
 * from before types and the issue has none, or the config's name moved from the agreed type the
 * issue still has. An issue already of the configured type is agreed (desiredType's `current`);
 * a human's other type stays whatever the owner defines. A marker recording no type (the owner
 * had none such) is not re-asked each sync: the next sync that writes an issue reads the types.
 */
export function mayTakeType(
  name: string | null,
  agreed: string | null | undefined,
  remote: string | null | undefined,
): boolean {
  if (name === null || remote === undefined || sameType(remote, name)) return false;
  if (agreed === undefined) return remote === null;
  return agreed !== null && !sameType(agreed, name) && sameType(remote, agreed);
}

/**
 * The check run's one line when a configured type cannot be set: the repository is a user's, or
 * its organisation defines no type of that name. Only kinds the synced docs have are named.
 */
export function issueTypeNote(
  config: PlansyncConfig,
  issueTypes: ReadonlyMap<string, string> | null | undefined,
  repo: { owner: string; repo: string },
  kinds: { task: boolean; epic: boolean },
): string | null {
  if (issueTypes === undefined) return null;
  const wanted = (["task", "epic"] as const).filter((kind) => kinds[kind] && config.types[kind] !== null);
  if (wanted.length === 0) return null;
  if (issueTypes === null)
    return `Issue types: ${repo.owner}/${repo.repo} is owned by a user, and only organisations have issue types; none were set. Set \`types: false\` in .github/plansync.yml to drop this note.`;
  const missing = wanted.filter((kind) => issueTypeName(config.types[kind]!, issueTypes) === undefined);
  if (missing.length === 0) return null;
  const names = missing.map((kind) => neutralizeText(config.types[kind]!));
  const plural = missing.map((kind) => `${kind}s`).join(" and ");
  const keys = missing.map((kind) => `\`types.${kind}\``).join(" or ");
  return `Issue types: ${repo.owner} defines no type named ${names.join(" or ")}; ${plural} get no type. Create ${missing.length === 1 ? "it" : "them"} in the organisation's settings, or set ${keys}.`;
}
