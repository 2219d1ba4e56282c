import { nodeId } from "./present-user.js";
import type { IssueRecord, RepoState, SimUser } from "./records.js";
import type { SimState } from "./sim-state.js";

/**
 * GitHub Projects (v2) as the simulator keeps them: organisation and user projects, their fields
 * (number, date, text, single select with options, iteration with iterations), and their items
 * (issues only) with a value per field. Kept beside SimState (one store per state), so the REST
 * side never sees them: Projects v2 are GraphQL only, as on GitHub.
 */

/** GitHub's ProjectV2FieldType; TITLE is the built-in field no value input sets. */
export type ProjectFieldType = "TEXT" | "NUMBER" | "DATE" | "SINGLE_SELECT" | "ITERATION" | "TITLE";

/** A field as a test declares it. */
export interface ProjectFieldSpec {
  name: string;
  dataType: ProjectFieldType;
  /** Single select: the options' names. */
  options?: string[];
  /** Iteration: each iteration, `completed` ones listed under completedIterations. */
  iterations?: { title: string; startDate: string; duration?: number; completed?: boolean }[];
}

export interface ProjectOptionRecord {
  id: string;
  name: string;
}

export interface ProjectIterationRecord {
  id: string;
  title: string;
  startDate: string;
  duration: number;
  completed: boolean;
}

export interface ProjectFieldRecord {
  id: string;
  dbId: number;
  name: string;
  dataType: ProjectFieldType;
  options: ProjectOptionRecord[];
  iterations: ProjectIterationRecord[];
}

/** A stored value, as GitHub's ProjectV2FieldValue input sets it. */
export type StoredFieldValue =
  { singleSelectOptionId: string } | { iterationId: string } | { number: number } | { date: string } | { text: string };

export interface ProjectItemRecord {
  id: string;
  dbId: number;
  repo: RepoState;
  issue: IssueRecord;
  values: Map<string, StoredFieldValue>;
  /** Who last set each value, by field id (GraphQL `creator` of the value); the card's creator when absent. */
  valueCreators?: Map<string, SimUser>;
  creator: SimUser;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectRecord {
  id: string;
  dbId: number;
  number: number;
  title: string;
  owner: SimUser;
  /** The URL segment: `orgs` or `users`. */
  kind: "orgs" | "users";
  fields: ProjectFieldRecord[];
  items: ProjectItemRecord[];
  createdAt: string;
  updatedAt: string;
}

export class ProjectStore {
  readonly projects: ProjectRecord[] = [];
  /** The app lacks the Projects permission: every project read or write by it is FORBIDDEN. */
  forbidden = false;

  find(kind: "orgs" | "users", login: string, number: number): ProjectRecord | undefined {
    return this.projects.find(
      (p) => p.kind === kind && p.owner.login.toLowerCase() === login.toLowerCase() && p.number === number,
    );
  }

  byId(id: string): ProjectRecord | undefined {
    return this.projects.find((p) => p.id === id);
  }

  /** Every card of this issue, on any project. */
  itemsOf(issue: IssueRecord): { project: ProjectRecord; item: ProjectItemRecord }[] {
    return this.projects.flatMap((project) =>
      project.items.filter((item) => item.issue === issue).map((item) => ({ project, item })),
    );
  }
}

const stores = new WeakMap<SimState, ProjectStore>();

export function projectStore(state: SimState): ProjectStore {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = new ProjectStore()));
  return store;
}

/** `orgs/acme`, `users/octo`, or a bare login (an organisation). */
export function parseOwner(owner: string): { kind: "orgs" | "users"; login: string } {
  const match = /^(orgs|users)\/(.+)$/.exec(owner);
  return match ? { kind: match[1] as "orgs" | "users", login: match[2]! } : { kind: "orgs", login: owner };
}

/** GitHub's option and iteration ids are short hex strings, not node ids. */
const shortId = (n: number) => (n % 0xffffffff).toString(16).padStart(8, "0").slice(-8);

export function createProjectRecord(
  state: SimState,
  owner: string,
  spec: { number: number; title?: string; fields: ProjectFieldSpec[] },
): ProjectRecord {
  const { kind, login } = parseOwner(owner);
  const store = projectStore(state);
  if (store.find(kind, login, spec.number))
    throw new Error(`GitHubSim: ${kind}/${login} already has project ${spec.number}`);
  const dbId = state.nextId();
  const now = state.timestamp();
  const project: ProjectRecord = {
    id: nodeId("PVT", dbId),
    dbId,
    number: spec.number,
    title: spec.title ?? `Project ${spec.number}`,
    owner: state.user(login, kind === "orgs" ? "Organization" : "User"),
    kind,
    // Every project has a Title field, which no value input can set.
    fields: [
      fieldRecord(state, { name: "Title", dataType: "TITLE" }),
      ...spec.fields.map((f) => fieldRecord(state, f)),
    ],
    items: [],
    createdAt: now,
    updatedAt: now,
  };
  store.projects.push(project);
  return project;
}

function fieldRecord(state: SimState, spec: ProjectFieldSpec): ProjectFieldRecord {
  const dbId = state.nextId();
  const prefix = spec.dataType === "SINGLE_SELECT" ? "PVTSSF" : spec.dataType === "ITERATION" ? "PVTIF" : "PVTF";
  return {
    id: nodeId(prefix, dbId),
    dbId,
    name: spec.name,
    dataType: spec.dataType,
    options: (spec.options ?? []).map((name) => ({ id: shortId(state.nextId()), name })),
    iterations: (spec.iterations ?? []).map((it) => ({
      id: shortId(state.nextId()),
      title: it.title,
      startDate: it.startDate,
      duration: it.duration ?? 14,
      completed: it.completed ?? false,
    })),
  };
}

/** The issue's card, created when missing (GitHub returns the existing one when it is there). */
export function addItem(
  state: SimState,
  project: ProjectRecord,
  repo: RepoState,
  issue: IssueRecord,
  creator: SimUser,
): ProjectItemRecord {
  const existing = project.items.find((item) => item.issue === issue);
  if (existing) return existing;
  const dbId = state.nextId();
  const now = state.timestamp();
  const item: ProjectItemRecord = {
    id: nodeId("PVTI", dbId),
    dbId,
    repo,
    issue,
    values: new Map(),
    creator,
    createdAt: now,
    updatedAt: now,
  };
  project.items.push(item);
  project.updatedAt = now;
  return item;
}

/**
 * Why `value` cannot be set on `field`, in GitHub's words where known; null when it can. One
 * value of the field's own type, naming an option or iteration the field has.
 */
export function valueProblem(field: ProjectFieldRecord, value: Record<string, unknown>): string | null {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
  if (keys.length !== 1) return "Exactly one value must be provided to update a project field";
  const [key] = keys as (keyof StoredFieldValue)[];
  const wanted: Record<string, string> = {
    SINGLE_SELECT: "singleSelectOptionId",
    ITERATION: "iterationId",
    NUMBER: "number",
    DATE: "date",
    TEXT: "text",
  };
  if (wanted[field.dataType] !== key)
    return `Did not receive a ${wanted[field.dataType] ?? "value"} to update a field of type ${field.dataType.toLowerCase()}`;
  if (key === "singleSelectOptionId" && !field.options.some((o) => o.id === value[key]))
    return "The single select option Id does not belong to the field";
  if (key === "iterationId" && !field.iterations.some((i) => i.id === value[key]))
    return "The iteration Id does not belong to the field";
  if (key === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(String(value[key]))) return "The date must be an ISO 8601 date";
  return null;
}

/** Sets (or with null clears) one value: the one path for GraphQL writes and a human's edits alike. */
export function writeValue(
  state: SimState,
  project: ProjectRecord,
  item: ProjectItemRecord,
  field: ProjectFieldRecord,
  value: StoredFieldValue | null,
  by?: SimUser,
): void {
  if (value === null) item.values.delete(field.id);
  else item.values.set(field.id, value);
  if (by) (item.valueCreators ??= new Map()).set(field.id, by);
  item.updatedAt = state.timestamp();
  project.updatedAt = item.updatedAt;
}
