import type { BoardMarker, BoardState, ProjectFieldValue } from "../sync/board-types.js";
import { readMarker, renderMarker, replaceMarker } from "../sync/marker.js";
import type { Marker, Operation, RemoteIssue } from "../sync/sync-types.js";
import { isForbidden } from "./write-policy.js";
import type { GraphqlClient } from "./graphql-client.js";
import { boardGraphql } from "./board-client.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { forRepository } from "./write-budget-plugin.js";

type AddItem = Extract<Operation, { kind: "add-project-item" }>;
type SetField = Extract<Operation, { kind: "set-project-field" }>;
type UpdateIssue = Extract<Operation, { kind: "update-issue" }>;
export type BoardWrite = AddItem | SetField;

export function isBoardWrite(op: Operation): op is BoardWrite {
  return op.kind === "add-project-item" || op.kind === "set-project-field";
}

/**
 * The board's two writes, each one GraphQL mutation sent with `forRepository`, so the write budget
 * counts it under the repository like its REST writes (write-budget-plugin.ts). Adding a card is
 * idempotent on GitHub (an issue already on the board gets its card back), so a sync cut off
 * after a create heals by adding again. GitHub's refusals (no permission, no such project or
 * field) are thrown as octokit's GraphqlResponseError, which the write policy calls a refusal:
 * that operation is reported and the others go on.
 */

const ADD_ITEM = `mutation PlansyncAddCard($input: AddProjectV2ItemByIdInput!) {
  addProjectV2ItemById(input: $input) { item { id } }
}`;

const SET_FIELD = `mutation PlansyncSetCardField($input: UpdateProjectV2ItemFieldValueInput!) {
  updateProjectV2ItemFieldValue(input: $input) { projectV2Item { id } }
}`;

const CLEAR_FIELD = `mutation PlansyncClearCardField($input: ClearProjectV2ItemFieldValueInput!) {
  clearProjectV2ItemFieldValue(input: $input) { projectV2Item { id } }
}`;

/** An operation that cannot be sent: skipped and reported like a refusal, the rest go on. */
export class BoardSkipError extends Error {}

/**
 * What board writes need during one sync: each issue's node id (listed, or returned by this
 * sync's create) and each card's item id (read, or returned by this sync's add).
 */
export class BoardCards {
  private readonly items = new Map<string, string>();

  constructor(
    private readonly nodeIds: Map<number, string>,
    board: BoardState | undefined,
  ) {
    for (const [project, cards] of board?.items ?? [])
      for (const [number, card] of cards) this.items.set(cardKey(project, number), card.itemId);
  }

  knowIssue(number: number, nodeId: string | undefined): void {
    if (nodeId) this.nodeIds.set(number, nodeId);
  }

  nodeId(number: number): string {
    const id = this.nodeIds.get(number);
    if (!id) throw new BoardSkipError(`issue #${number}'s node id is unknown, so its card waits for the next sync`);
    return id;
  }

  knowItem(project: string, number: number, itemId: string): void {
    this.items.set(cardKey(project, number), itemId);
  }

  itemId(project: string, number: number): string {
    const id = this.items.get(cardKey(project, number));
    if (!id) throw new BoardSkipError(`issue #${number} is not on the board yet, so its field waits for the next sync`);
    return id;
  }
}

const cardKey = (project: string, number: number) => `${project}#${number}`;

/**
 * A board GitHub lets this token read but not write: FORBIDDEN ("Resource not accessible by
 * integration", an App granted Projects read-only), a token without the `project` scope
 * (INSUFFICIENT_SCOPES), or a plain 403 that is no rate limit. Every other write to that project
 * would be refused the same way.
 */
export function isBoardWriteForbidden(error: unknown): boolean {
  if (isForbidden(error)) return true;
  const errors = (error as { errors?: unknown } | null)?.errors;
  return (
    Array.isArray(errors) &&
    errors.some((e) => {
      const type = (e as { type?: unknown } | null)?.type;
      return type === "FORBIDDEN" || type === "INSUFFICIENT_SCOPES";
    })
  );
}

/**
 * How one sync's card writes went, so that each marker records only what the board took. An
 * existing issue's card writes are sent before its update (reconcile.ts); when one of them is
 * refused or not sent, that update keeps the marker's previous board record (`keepRecord`), and the
 * next sync, seeing the doc differ from it, writes the card again. A project that refuses a write
 * for want of permission gets no more writes this sync: one check-run line says what to grant.
 */
export class BoardWrites {
  /** Issues whose card did not take every write planned for it this sync. */
  private readonly held = new Set<number>();
  /** Projects that refused a write for want of permission, with the writes not made to each. */
  private readonly unwritable = new Map<string, number>();
  private readonly markers: Map<number, Marker>;

  constructor(issues: readonly RemoteIssue[]) {
    this.markers = new Map(issues.map((i) => [i.number, i.marker]));
  }

  /** False once the project refused a write for want of permission: its writes are not sent. */
  writable(project: string): boolean {
    return !this.unwritable.has(project);
  }

  /** A write to this issue's card was refused or not sent; `number` undefined for an issue never created. */
  hold(number: number | undefined): void {
    if (number !== undefined) this.held.add(number);
  }

  /** A write not sent because the project cannot be written (or refused for that reason). */
  forbid(op: BoardWrite, number: number | undefined): void {
    this.unwritable.set(op.project, (this.unwritable.get(op.project) ?? 0) + 1);
    this.hold(number);
  }

  /**
   * The update as it may be sent: for an issue whose card did not take every write, its marker
   * keeps the previous board record. Null when that leaves nothing to send (a marker-only update
   * whose only change was the board record).
   */
  keepRecord(op: UpdateIssue, number: number): UpdateIssue | null {
    if (!this.held.has(number)) return op;
    const previous = this.markers.get(number)?.board;
    if (op.marker) {
      const marker = withRecord(op.marker, previous);
      const before = this.markers.get(number);
      const body = op.body === undefined ? undefined : replaceMarker(op.body, marker);
      const kept = { ...op, marker, ...(body !== undefined && { body }) };
      const unchanged = before !== undefined && renderMarker(before) === renderMarker(marker);
      return unchanged && onlyBody(kept) ? null : kept;
    }
    const marker = op.body === undefined ? null : readMarker(op.body);
    if (op.body === undefined || marker === null) return op;
    return { ...op, body: replaceMarker(op.body, withRecord(marker, previous)) };
  }

  /** One check-run line per project that may not be written: what to grant, and what waits for it. */
  notes(): string[] {
    return [...this.unwritable].map(
      ([project, waiting]) =>
        `Board ${project}: plansync can read it but GitHub refused to let it change the cards (Resource not accessible). Grant the App the organisation permission Projects (read and write), or give the token the \`project\` scope; ${waiting} card change${waiting === 1 ? " waits" : "s wait"} for it, and the issues synced.`,
    );
  }
}

function withRecord(marker: Marker, record: BoardMarker | undefined): Marker {
  const { board: _dropped, ...rest } = marker;
  return record === undefined ? rest : { ...rest, board: record };
}

/** An update that changes nothing but the issue's body (its marker). */
function onlyBody(op: UpdateIssue): boolean {
  return (
    op.title === undefined &&
    op.milestone === undefined &&
    op.state === undefined &&
    op.stateReason === undefined &&
    op.type === undefined &&
    !op.labels?.add.length &&
    !op.labels?.remove.length &&
    !op.assignees?.add.length &&
    !op.assignees?.remove.length
  );
}

/** The board's GraphQL client (board-client.ts); board writes have no REST fallback (Projects v2 are GraphQL only). */
function graphqlOf(octokit: Octokit): GraphqlClient {
  const graphql = boardGraphql(octokit);
  if (graphql === null) throw new BoardSkipError("this client has no GraphQL API, which boards need");
  return graphql;
}

export async function addProjectItem(
  octokit: Octokit,
  repo: RepoRef,
  op: AddItem,
  number: number,
  cards: BoardCards,
): Promise<void> {
  const input = { projectId: op.projectId, contentId: cards.nodeId(number) };
  const data = await graphqlOf(octokit)<{ addProjectV2ItemById: { item: { id: string } | null } | null }>(ADD_ITEM, {
    input,
    ...forRepository(repo),
  });
  const itemId = data.addProjectV2ItemById?.item?.id;
  if (itemId) cards.knowItem(op.project, number, itemId);
}

export async function setProjectField(
  octokit: Octokit,
  repo: RepoRef,
  op: SetField,
  number: number,
  cards: BoardCards,
): Promise<void> {
  const card = { projectId: op.projectId, itemId: cards.itemId(op.project, number), fieldId: op.fieldId };
  const graphql = graphqlOf(octokit);
  if (op.value === null) await graphql(CLEAR_FIELD, { input: card, ...forRepository(repo) });
  else await graphql(SET_FIELD, { input: { ...card, value: fieldValue(op.value) }, ...forRepository(repo) });
}

/** Exactly one key, of the field's type, whatever else the operation's value object carries. */
function fieldValue(value: ProjectFieldValue): ProjectFieldValue {
  if ("singleSelectOptionId" in value) return { singleSelectOptionId: value.singleSelectOptionId };
  if ("iterationId" in value) return { iterationId: value.iterationId };
  if ("number" in value) return { number: value.number };
  if ("date" in value) return { date: value.date };
  return { text: value.text };
}
