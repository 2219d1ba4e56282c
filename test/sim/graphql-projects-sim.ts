import { projectUrl } from "./graphql-projects-objects.js";
import {
  addItem,
  createProjectRecord,
  parseOwner,
  projectStore,
  valueProblem,
  writeValue,
  type ProjectFieldRecord,
  type ProjectFieldSpec,
  type ProjectItemRecord,
  type ProjectRecord,
  type StoredFieldValue,
} from "./graphql-projects-store.js";
import { nodeId } from "./present-user.js";
import type { RepoState } from "./records.js";
import type { SimUrls } from "./route-context.js";
import type { SimState } from "./sim-state.js";

/**
 * What tests do to projects from outside the API: make one, read a card back by field names, and
 * edit a card as a person on the board would (with the `projects_v2_item` webhook GitHub sends).
 * GitHubSim's project methods delegate here. `owner` is `orgs/acme`, `users/octo` or `acme`.
 */

export type { ProjectFieldSpec };

/** A card's values by field name: an option's or iteration's name, a number, a date or a text. */
export type CardValues = Record<string, string | number>;

export interface CardView {
  itemId: string;
  values: CardValues;
}

const URLS: SimUrls = { api: "https://api.github.com", html: "https://github.com" };

export function createProject(
  state: SimState,
  owner: string,
  spec: { number: number; title?: string; fields: ProjectFieldSpec[] },
): { id: string; url: string; fields: Record<string, string> } {
  const project = createProjectRecord(state, owner, spec);
  return {
    id: project.id,
    url: projectUrl(URLS, project),
    fields: Object.fromEntries(project.fields.map((f) => [f.name, f.id])),
  };
}

export function requireProject(state: SimState, owner: string, number: number): ProjectRecord {
  const { kind, login } = parseOwner(owner);
  const project = projectStore(state).find(kind, login, number);
  if (!project) throw new Error(`GitHubSim: ${kind}/${login} has no project ${number}`);
  return project;
}

/** The issue's card on the project, by the issue's number (in `ownerRepo` when several repositories have one). */
function findItem(project: ProjectRecord, issueNumber: number, ownerRepo?: string): ProjectItemRecord | undefined {
  return project.items.find(
    (item) =>
      item.issue.number === issueNumber &&
      (ownerRepo === undefined ||
        `${item.repo.owner.login}/${item.repo.name}`.toLowerCase() === ownerRepo.toLowerCase()),
  );
}

export function cardView(project: ProjectRecord, item: ProjectItemRecord): CardView {
  const values: CardValues = {};
  for (const field of project.fields) {
    const value = item.values.get(field.id);
    if (value) values[field.name] = readable(field, value);
  }
  return { itemId: item.id, values };
}

export function projectItem(
  state: SimState,
  owner: string,
  number: number,
  issueNumber: number,
  ownerRepo?: string,
): CardView | undefined {
  const project = requireProject(state, owner, number);
  const item = findItem(project, issueNumber, ownerRepo);
  return item && cardView(project, item);
}

/** Every card on the project, by issue number. */
export function projectItems(state: SimState, owner: string, number: number): Map<number, CardView> {
  const project = requireProject(state, owner, number);
  return new Map(project.items.map((item) => [item.issue.number, cardView(project, item)]));
}

/**
 * A person sets (null clears) one field of an issue's card on the board, by the field's name and
 * the value's name; the card is added first when the issue has none. Sends no request.
 */
export function setProjectField(
  state: SimState,
  target: { owner: string; number: number; repo: RepoState; issueNumber: number; login?: string },
  fieldName: string,
  value: string | number | null,
): { project: ProjectRecord; item: ProjectItemRecord; field: ProjectFieldRecord; from: StoredFieldValue | null } {
  const project = requireProject(state, target.owner, target.number);
  const field = project.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
  if (!field) throw new Error(`GitHubSim: project ${target.number} has no field ${fieldName}`);
  const issue = target.repo.issues.get(target.issueNumber);
  if (!issue) throw new Error(`GitHubSim: no issue #${target.issueNumber}`);
  const person = state.user(target.login ?? "alice");
  const item = addItem(state, project, target.repo, issue, person);
  const from = item.values.get(field.id) ?? null;
  const stored = value === null ? null : storedValue(field, value);
  writeValue(state, project, item, field, stored, person);
  return { project, item, field, from };
}

/** A value by name, as the board's UI offers it. */
function storedValue(field: ProjectFieldRecord, value: string | number): StoredFieldValue {
  const named = String(value).toLowerCase();
  let stored: StoredFieldValue;
  if (field.dataType === "SINGLE_SELECT")
    stored = { singleSelectOptionId: field.options.find((o) => o.name.toLowerCase() === named)?.id ?? "" };
  else if (field.dataType === "ITERATION")
    stored = { iterationId: field.iterations.find((i) => i.title.toLowerCase() === named)?.id ?? "" };
  else if (field.dataType === "NUMBER") stored = { number: Number(value) };
  else if (field.dataType === "DATE") stored = { date: String(value) };
  else stored = { text: String(value) };
  const problem = valueProblem(field, stored);
  if (problem) throw new Error(`GitHubSim: cannot set ${field.name} to ${value}: ${problem}`);
  return stored;
}

function readable(field: ProjectFieldRecord, value: StoredFieldValue): string | number {
  if ("singleSelectOptionId" in value)
    return field.options.find((o) => o.id === value.singleSelectOptionId)?.name ?? value.singleSelectOptionId;
  if ("iterationId" in value)
    return field.iterations.find((i) => i.id === value.iterationId)?.title ?? value.iterationId;
  if ("number" in value) return value.number;
  if ("date" in value) return value.date;
  return value.text;
}

/**
 * The `projects_v2_item` `edited` payload GitHub sends an app for this edit (organisation
 * projects only): it names no repository; `content_node_id` is the issue's node id.
 */
export function editedPayload(
  state: SimState,
  edit: ReturnType<typeof setProjectField>,
  login: string,
  installationId: number,
): Record<string, unknown> {
  const { project, item, field, from } = edit;
  const sender = state.user(login);
  const to = item.values.get(field.id) ?? null;
  return {
    action: "edited",
    projects_v2_item: {
      id: item.dbId,
      node_id: item.id,
      project_node_id: project.id,
      content_node_id: nodeId("I", item.issue.id),
      content_type: "Issue",
      creator: {
        login: item.creator.login,
        id: item.creator.id,
        node_id: nodeId("U", item.creator.id),
        type: item.creator.type,
      },
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      archived_at: null,
    },
    changes: {
      field_value: {
        field_node_id: field.id,
        field_type: field.dataType.toLowerCase(),
        field_name: field.name,
        project_number: project.number,
        from: webhookValue(field, from),
        to: webhookValue(field, to),
      },
    },
    organization: {
      login: project.owner.login,
      id: project.owner.id,
      node_id: nodeId("O", project.owner.id),
      url: `${URLS.api}/orgs/${project.owner.login}`,
      repos_url: `${URLS.api}/orgs/${project.owner.login}/repos`,
      events_url: `${URLS.api}/orgs/${project.owner.login}/events`,
      hooks_url: `${URLS.api}/orgs/${project.owner.login}/hooks`,
      issues_url: `${URLS.api}/orgs/${project.owner.login}/issues`,
      members_url: `${URLS.api}/orgs/${project.owner.login}/members{/member}`,
      public_members_url: `${URLS.api}/orgs/${project.owner.login}/public_members{/member}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${project.owner.id}?v=4`,
      description: null,
    },
    sender: { login: sender.login, id: sender.id, node_id: nodeId("U", sender.id), type: sender.type },
    installation: { id: installationId, node_id: nodeId("MDIz", installationId) },
  };
}

/** How the webhook states a value: an option or iteration object, a number, a date or text. */
function webhookValue(field: ProjectFieldRecord, value: StoredFieldValue | null) {
  if (value === null) return null;
  if ("singleSelectOptionId" in value) {
    const option = field.options.find((o) => o.id === value.singleSelectOptionId);
    return option ? { id: option.id, name: option.name, color: "GRAY", description: "" } : null;
  }
  if ("iterationId" in value) {
    const it = field.iterations.find((i) => i.id === value.iterationId);
    return it
      ? { id: it.id, title: it.title, duration: it.duration, start_date: it.startDate, completed: it.completed }
      : null;
  }
  return "number" in value ? value.number : "date" in value ? value.date : value.text;
}
