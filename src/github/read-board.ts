import { PROJECT_URL } from "../config/config-schema.js";
import { projectKey } from "../sync/board-values.js";
import type {
  BoardItem,
  BoardProblem,
  BoardState,
  ProjectBoard,
  ProjectField,
  ProjectFieldValue,
} from "../sync/board-types.js";
import type { GraphqlClient } from "./graphql-client.js";
import { boardProblem } from "./board-problem.js";
import { isRateLimit } from "./write-policy.js";

/**
 * Reads the Projects (v2) boards the docs name: each project's fields (options, iterations) with
 * one query per project, then every managed issue's cards 100 issues a query (`nodes(ids:)`),
 * kept for the projects read. Nothing is asked when no project is named. A project plansync
 * cannot use becomes a BoardProblem for the check run, never an exception: the rest of the sync
 * goes on. Only a rate limit is thrown, so the job waits like for any other read.
 */

/** A managed issue, by the node id the issue listing gave. */
export interface BoardIssue {
  number: number;
  nodeId: string;
}

/**
 * GitHub allows up to 50 fields a project; a card is on few projects; a card has a value per
 * field, built-in ones (Title, Assignees, Labels…) included. The cards and their values are paged
 * to the end: a value past a page would read as empty, and an empty field is filled from the doc,
 * over what a person set. 100 issues × 20 cards × 100 values stays under GitHub's 500,000 nodes a query.
 */
const FIELDS_PER_PROJECT = 50;
const ITEMS_PER_ISSUE = 20;
const VALUES_PER_ITEM = 100;
const NODES_PER_QUERY = 100;

const BOARD_FRAGMENT = `fragment PlansyncBoard on ProjectV2 {
  id title url
  fields(first: ${FIELDS_PER_PROJECT}) {
    nodes {
      ... on ProjectV2FieldCommon { id name dataType }
      ... on ProjectV2SingleSelectField { options { id name } }
      ... on ProjectV2IterationField {
        configuration { iterations { id title startDate } completedIterations { id title startDate } }
      }
    }
  }
}`;

/** Organisation and user projects are asked for under their owner; the login and number are variables. */
const projectQuery = (owner: "organization" | "user") => `query PlansyncProject($login: String!, $number: Int!) {
  owner: ${owner}(login: $login) { projectV2(number: $number) { ...PlansyncBoard } }
}
${BOARD_FRAGMENT}`;

const VALUE_FIELDS = `fragment PlansyncValue on ProjectV2ItemFieldValue {
  ... on ProjectV2ItemFieldSingleSelectValue { optionId field { ...PlansyncFieldId } }
  ... on ProjectV2ItemFieldIterationValue { iterationId field { ...PlansyncFieldId } }
  ... on ProjectV2ItemFieldNumberValue { number field { ...PlansyncFieldId } }
  ... on ProjectV2ItemFieldDateValue { date field { ...PlansyncFieldId } }
  ... on ProjectV2ItemFieldTextValue { text field { ...PlansyncFieldId } }
}
fragment PlansyncFieldId on ProjectV2FieldConfiguration { ... on ProjectV2FieldCommon { id } }`;

const CARD_FIELDS = `fragment PlansyncCard on ProjectV2Item {
  id
  project { id }
  fieldValues(first: ${VALUES_PER_ITEM}) { pageInfo { hasNextPage endCursor } nodes { ...PlansyncValue } }
}
${VALUE_FIELDS}`;

const ISSUE_CARDS = `projectItems(first: ${ITEMS_PER_ISSUE}) { pageInfo { hasNextPage endCursor } nodes { ...PlansyncCard } }`;

const CARDS_QUERY = `query PlansyncCards($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Issue { id number ${ISSUE_CARDS} } }
}
${CARD_FIELDS}`;

const CARD_QUERY = `query PlansyncCard($id: ID!) {
  node(id: $id) { ... on Issue { id number ${ISSUE_CARDS} } }
}
${CARD_FIELDS}`;

/** The rest of an issue's cards, past the first page. */
const MORE_CARDS_QUERY = `query PlansyncMoreCards($id: ID!, $after: String!) {
  node(id: $id) {
    ... on Issue {
      projectItems(first: ${ITEMS_PER_ISSUE}, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...PlansyncCard } }
    }
  }
}
${CARD_FIELDS}`;

/** The rest of a card's values, past the first page. */
const MORE_VALUES_QUERY = `query PlansyncMoreValues($id: ID!, $after: String!) {
  node(id: $id) {
    ... on ProjectV2Item {
      fieldValues(first: ${VALUES_PER_ITEM}, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...PlansyncValue } }
    }
  }
}
${VALUE_FIELDS}`;

export async function readBoard(
  graphql: GraphqlClient,
  urls: readonly string[],
  issues: readonly BoardIssue[],
): Promise<BoardState> {
  const state: BoardState = { projects: new Map(), items: new Map(), problems: [] };
  for (const url of distinctProjects(urls)) {
    const read = await readProject(graphql, url);
    if ("reason" in read) state.problems.push(read);
    else {
      state.projects.set(read.key, read);
      state.items.set(read.key, new Map());
    }
  }
  if (state.projects.size === 0) return state;
  try {
    await readCards(graphql, state, issues);
  } catch (error) {
    if (isRateLimit(error)) throw error;
    // Cards left unknown would read as empty, and filling them would overwrite what people set:
    // the boards wait for the next sync instead.
    const problems = [...state.projects.values()].map((p) => boardProblem(p, "unsupported", error));
    return { projects: new Map(), items: new Map(), problems: [...state.problems, ...problems] };
  }
  return state;
}

/** Every issue's cards on the projects read, 100 issues a query. */
async function readCards(graphql: GraphqlClient, state: BoardState, issues: readonly BoardIssue[]): Promise<void> {
  const byId = new Map([...state.projects.values()].map((p) => [p.id, p.key]));
  const known = issues.filter((i) => i.nodeId);
  for (let start = 0; start < known.length; start += NODES_PER_QUERY) {
    const batch = known.slice(start, start + NODES_PER_QUERY);
    const nodes = await askCards(
      graphql,
      batch.map((i) => i.nodeId),
    );
    for (const node of nodes) {
      if (!node || node.number === undefined) continue;
      for (const card of await allCards(graphql, node, byId)) {
        const key = byId.get(card.project?.id ?? "")!;
        state.items.get(key)!.set(node.number, await toItem(graphql, card));
      }
    }
  }
}

/**
 * The issue's cards on the projects read, every page of them: a card not found on a cut-off list
 * would read as no card, and an add and a full set of values would follow.
 */
async function allCards(graphql: GraphqlClient, issue: RawIssue, projects: ReadonlyMap<string, string>) {
  const cards: RawCard[] = [];
  let page = issue.projectItems;
  for (;;) {
    for (const card of page?.nodes ?? []) if (card && projects.has(card.project?.id ?? "")) cards.push(card);
    const next = nextCursor(page, "cards");
    if (next === null) return cards;
    if (!issue.id) throw new Error("GitHub listed more cards for an issue without its id");
    const data = await graphql<{ node: RawIssue | null }>(MORE_CARDS_QUERY, { id: issue.id, after: next });
    page = data.node?.projectItems;
  }
}

/** Where the next page starts; null on the last. A page that says there is more but gives no cursor is thrown. */
function nextCursor(page: RawPage<unknown> | null | undefined, what: string): string | null {
  if (!page?.pageInfo?.hasNextPage) return null;
  if (!page.pageInfo.endCursor) throw new Error(`GitHub cut the list of ${what} short without a cursor to go on`);
  return page.pageInfo.endCursor;
}

/**
 * One project and one issue's card on it, for a single issue's event (a board edit): the
 * project's fields, and the card or null when the issue is not on the board.
 */
export async function readCard(
  graphql: GraphqlClient,
  url: string,
  issueNodeId: string,
): Promise<{ project: ProjectBoard; item: BoardItem | null } | BoardProblem> {
  const project = await readProject(graphql, url);
  if ("reason" in project) return project;
  const [node] = await askCards(graphql, [issueNodeId], true);
  const [card] = node ? await allCards(graphql, node, new Map([[project.id, project.key]])) : [];
  return { project, item: card ? await toItem(graphql, card) : null };
}

/** One project's fields; a problem when GitHub will not give it. */
export async function readProject(graphql: GraphqlClient, url: string): Promise<ProjectBoard | BoardProblem> {
  const key = projectKey(url) ?? url;
  const match = PROJECT_URL.exec(url.trim());
  if (!match) return boardProblem({ key, url }, "missing", null);
  const [, kind, login, number] = match;
  try {
    const data = await graphql<{ owner: { projectV2: RawProject | null } | null }>(
      projectQuery(kind === "orgs" ? "organization" : "user"),
      { login, number: Number(number) },
    );
    const raw = data.owner?.projectV2;
    return raw ? toBoard(key, url, raw) : boardProblem({ key, url }, "missing", null);
  } catch (error) {
    if (isRateLimit(error)) throw error;
    return boardProblem({ key, url }, reasonOf(error), error);
  }
}

/** A project named twice (two spellings, several files) is read once. */
function distinctProjects(urls: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const url of urls) {
    const key = projectKey(url) ?? url;
    if (!seen.has(key)) seen.set(key, url.trim());
  }
  return [...seen.values()];
}

/**
 * The issues' cards. An issue deleted meanwhile comes back null with an error beside the others;
 * the rest of the answer is kept. Any other failure is thrown.
 */
async function askCards(graphql: GraphqlClient, ids: string[], single = false): Promise<(RawIssue | null)[]> {
  try {
    if (single) {
      const data = await graphql<{ node: RawIssue | null }>(CARD_QUERY, { id: ids[0] });
      return [data.node];
    }
    return (await graphql<{ nodes: (RawIssue | null)[] }>(CARDS_QUERY, { ids })).nodes ?? [];
  } catch (error) {
    const data = (error as { data?: { nodes?: (RawIssue | null)[]; node?: RawIssue | null } | null }).data;
    if (data?.nodes || data?.node !== undefined) return data.nodes ?? [data.node ?? null];
    throw error;
  }
}

function reasonOf(error: unknown): BoardProblem["reason"] {
  const errors = (error as { errors?: { type?: string }[] }).errors ?? [];
  if (errors.some((e) => e.type === "FORBIDDEN")) return "forbidden";
  if (errors.some((e) => e.type === "NOT_FOUND")) return "missing";
  return "unsupported";
}

interface RawProject {
  id: string;
  title: string;
  url: string;
  fields: { nodes: (RawField | null)[] | null };
}

interface RawField {
  id?: string;
  name?: string;
  dataType?: string;
  options?: { id: string; name: string }[];
  configuration?: { iterations: RawIteration[]; completedIterations: RawIteration[] };
}

interface RawIteration {
  id: string;
  title: string;
  startDate: string;
}

interface RawValue {
  optionId?: string | null;
  iterationId?: string;
  number?: number | null;
  date?: string | null;
  text?: string | null;
  field?: { id?: string } | null;
}

interface RawPage<T> {
  pageInfo?: { hasNextPage: boolean; endCursor: string | null } | null;
  nodes: (T | null)[] | null;
}

interface RawCard {
  id: string;
  project: { id: string } | null;
  fieldValues: RawPage<RawValue> | null;
}

interface RawIssue {
  id?: string;
  number?: number;
  projectItems?: RawPage<RawCard> | null;
}

function toBoard(key: string, url: string, raw: RawProject): ProjectBoard {
  const fields: ProjectField[] = [];
  for (const f of raw.fields?.nodes ?? []) {
    if (!f?.id || !f.name || !f.dataType) continue;
    const iterations = f.configuration && [...f.configuration.iterations, ...f.configuration.completedIterations];
    fields.push({
      id: f.id,
      name: f.name,
      dataType: f.dataType,
      ...(f.options && { options: f.options.map(({ id, name }) => ({ id, name })) }),
      ...(iterations && { iterations: iterations.map(({ id, title, startDate }) => ({ id, title, startDate })) }),
    });
  }
  return { key, url, id: raw.id, title: raw.title, fields };
}

/**
 * A card's values by field id, in the input's shape, every page of them; unset values are absent
 * (reconcile reads only its roles' fields). A page that cannot be read is thrown: the card is then
 * unknown, never empty.
 */
async function toItem(graphql: GraphqlClient, card: RawCard): Promise<BoardItem> {
  const values: Record<string, ProjectFieldValue> = {};
  let page = card.fieldValues;
  for (;;) {
    for (const v of page?.nodes ?? []) {
      const id = v?.field?.id;
      if (!v || !id) continue;
      const value = valueOf(v);
      if (value) values[id] = value;
    }
    const next = nextCursor(page, "a card's values");
    if (next === null) return { itemId: card.id, values };
    const data = await graphql<{ node: { fieldValues?: RawPage<RawValue> | null } | null }>(MORE_VALUES_QUERY, {
      id: card.id,
      after: next,
    });
    if (!data.node?.fieldValues) throw new Error(`GitHub did not give the rest of card ${card.id}'s values`);
    page = data.node.fieldValues;
  }
}

function valueOf(v: RawValue): ProjectFieldValue | null {
  if (typeof v.optionId === "string") return { singleSelectOptionId: v.optionId };
  if (typeof v.iterationId === "string") return { iterationId: v.iterationId };
  if (typeof v.number === "number") return { number: v.number };
  if (typeof v.date === "string") return { date: v.date };
  if (typeof v.text === "string") return { text: v.text };
  return null;
}
