import type { FieldError } from "./responses.js";
import { nodeId } from "./present-user.js";
import type { IssueTypeRecord, RepoState, SimUser } from "./records.js";
import type { SimState } from "./sim-state.js";

/**
 * Issue types, as GitHub keeps them: per organisation (up to 25; a new one starts with Task, Bug
 * and Feature), none for a user. REST `POST`/`PATCH …/issues` takes `type` by name (changelog
 * 2025-03-18) and answers 422 for a name the owner does not define; GraphQL takes `issueTypeId`.
 */

export const DEFAULT_ORG_TYPES = ["Task", "Bug", "Feature"];
const MAX_TYPES = 25;

/** The owner's types, an organisation's defaults made on first mention. */
export function ownerIssueTypes(state: SimState, owner: SimUser): IssueTypeRecord[] {
  if (owner.type !== "Organization") return [];
  owner.issueTypes ??= DEFAULT_ORG_TYPES.map((name) => newType(state, name));
  return owner.issueTypes;
}

/** Replaces an organisation's types by these names (test setup); a user's stay none. */
export function setOwnerIssueTypes(state: SimState, owner: SimUser, names: readonly string[]): void {
  if (owner.type !== "Organization")
    throw new Error(`GitHubSim: ${owner.login} is a user; only organisations have issue types`);
  if (names.length > MAX_TYPES) throw new Error(`GitHubSim: an organisation has at most ${MAX_TYPES} issue types`);
  const old = owner.issueTypes ?? [];
  owner.issueTypes = names.map((name) => old.find((t) => t.name === name) ?? newType(state, name));
}

function newType(state: SimState, name: string): IssueTypeRecord {
  return { id: state.nextId(), name, isEnabled: true };
}

/** The enabled type of this name (ignoring case), as GitHub matches a REST `type`. */
export function findIssueType(state: SimState, repo: RepoState, name: string): IssueTypeRecord | undefined {
  const key = name.toLowerCase();
  return ownerIssueTypes(state, repo.owner).find((t) => t.isEnabled && t.name.toLowerCase() === key);
}

/** An issue's type; one its organisation deleted since reads as none, as on GitHub. */
export function issueTypeById(repo: RepoState, id: number | null | undefined): IssueTypeRecord | undefined {
  return id == null ? undefined : repo.owner.issueTypes?.find((t) => t.id === id);
}

/** A REST `type` value: a name, null to remove, or (PATCH) `{ value }`; unknown names are a 422. */
export function resolveIssueType(
  state: SimState,
  repo: RepoState,
  value: unknown,
): { typeId: number | null } | { error: FieldError } {
  const name = typeof value === "object" && value !== null ? (value as { value?: unknown }).value : value;
  if (name === null || name === undefined) return { typeId: null };
  const found = typeof name === "string" ? findIssueType(state, repo, name) : undefined;
  if (!found) return { error: { resource: "Issue", field: "type", code: "invalid", value: name } };
  return { typeId: found.id };
}

/** GitHub's `issue-type` object. */
export function issueTypeJson(type: IssueTypeRecord) {
  return {
    id: type.id,
    node_id: issueTypeNodeId(type),
    name: type.name,
    description: null,
    color: "gray",
    created_at: "2025-03-18T00:00:00Z",
    updated_at: "2025-03-18T00:00:00Z",
    is_enabled: type.isEnabled,
  };
}

export function issueTypeNodeId(type: IssueTypeRecord): string {
  return nodeId("IT", type.id);
}

export function issueTypeObject(type: IssueTypeRecord) {
  return {
    __typename: "IssueType",
    id: issueTypeNodeId(type),
    name: type.name,
    isEnabled: type.isEnabled,
    description: null,
    color: "GRAY",
  };
}
