/**
 * The board's three-way rule: the doc, what doc and board last agreed on (the issue marker's
 * `board`), and the card as read. Pure: board-values.ts turns a task into values in doc terms,
 * board-fields.ts matches them to the board's fields, options and iterations.
 *
 * For each task with a project (its doc's frontmatter `project:`, else config `project.url`)
 * whose board was read, and each role whose field exists with the role's type (Status and
 * Priority single-select, Iteration an iteration field, Estimate a number, Start and Target dates;
 * names from `project.fields`, ignoring case):
 * - doc: the task's value; agreed: the marker's, when the marker names this project (else never
 *   agreed); current: the card's, read back in doc terms.
 * - No card (a new issue, or one whose sync stopped after its create, or a task moved to another
 *   project): the issue is added, then every role with a doc value is set.
 * - doc differs from agreed (the doc changed it, or it was never agreed): the doc's value is
 *   written where the card differs, or the card's value cleared when the doc has none.
 * - doc equals agreed: the card is left alone, so a person's change on the board stands; except
 *   that an empty field is filled from the doc, and a Status moved to another known column (not an
 *   epic's: epics have no box; nor a box-less story's with `writeBack.insertCheckbox` off) is
 *   reported in `statusMoved`, for write-back to carry to the doc.
 * - A value naming no option or iteration on the board is not written and not recorded (so it is
 *   written once the option exists), and is named once in `notes` with the fix.
 * - A guess is no statement: with no `**Sprint:**` stated, the Iteration is the first heading or
 *   milestone naming an iteration, and when none does the doc has no opinion: the card is neither
 *   written nor cleared and the agreed value is kept (so a board's renamed iteration stands). A
 *   guessed value never clears a card.
 * - The record is the doc's values the board can hold. A task whose project could not be read
 *   keeps its old record and its card is left alone; a card on a project the task left is left alone.
 * - Options match ignoring case and spacing (priorities also ignoring emoji and a `(gloss)`); a
 *   status writes the first name configured for its role that the board has.
 * Applying the operations and records and deciding again gives no operation and no move.
 */
import type { PlansyncConfig } from "../config/config-schema.js";
import type { LocatedTask } from "./collect-tasks.js";
import { iterationCandidates, type IterationCandidates } from "./board-iteration.js";
import {
  agreedValue,
  currentValue,
  isStatusRole,
  resolveValue,
  roleField,
  sameValue,
  sameValueKey,
  type RoleValue,
} from "./board-fields.js";
import { missingFieldNote, problemNote, unresolvedNote, wrongTypeNote } from "./board-notes.js";
import {
  BOARD_ROLES,
  type BoardItem,
  type BoardMarker,
  type BoardRole,
  type BoardState,
  type BoardValues,
  type ProjectBoard,
  type ProjectField,
  type ProjectFieldValue,
} from "./board-types.js";
import { boardValues, projectKey, projectUrlFor } from "./board-values.js";
import type { IssueRef, Operation, RemoteIssue } from "./sync-types.js";

export interface BoardDecision {
  /** add-project-item and set-project-field operations, task by task in the order given, each add before its sets. */
  operations: Operation[];
  /** By task key (LocatedTask.key): the marker's `board` after this sync; no entry for a task on no board. */
  records: Map<string, BoardMarker>;
  /** Issue numbers whose board Status moved away from the agreed one while the doc's did not. */
  statusMoved: number[];
  /** Check-run lines, each once: unreadable projects, missing fields, values with no option or iteration. */
  notes: string[];
}

export interface BoardTask {
  located: LocatedTask;
  remote: RemoteIssue | undefined;
}

export function reconcileBoard(
  tasks: readonly BoardTask[],
  board: BoardState | undefined,
  config: PlansyncConfig,
): BoardDecision {
  const decision: BoardDecision = { operations: [], records: new Map(), statusMoved: [], notes: [] };
  const notes: Notes = new Map((board?.problems.map(problemNote) ?? []).map((note) => [note, note]));
  for (const { located, remote } of tasks) {
    const url = projectUrlFor(located, config);
    const key = url === null ? null : projectKey(url);
    if (key === null) continue;
    const project = board?.projects.get(key);
    if (board === undefined || project === undefined) {
      // Not read this time: nothing is known of the card, so the record stays as it was.
      if (remote?.marker.board !== undefined) decision.records.set(located.key, remote.marker.board);
      continue;
    }
    const item = remote === undefined ? undefined : board.items.get(key)?.get(remote.number);
    reconcileCard({ located, remote, key, project, item, config, decision, notes });
  }
  decision.notes = [...notes.values()];
  return decision;
}

interface Card {
  located: LocatedTask;
  remote: RemoteIssue | undefined;
  key: string;
  project: ProjectBoard;
  item: BoardItem | undefined;
  config: PlansyncConfig;
  decision: BoardDecision;
  notes: Notes;
}

/** Check-run lines by what they are about, so that `Urgent` and `urgent` make one line. */
type Notes = Map<string, string>;

function addNote(notes: Notes, note: string, about: string = note): void {
  if (!notes.has(about)) notes.set(about, note);
}

function reconcileCard(card: Card): void {
  const { located, remote, key, project, item, decision } = card;
  const context: RoleContext = {
    card,
    doc: boardValues(located, card.config),
    candidates: iterationCandidates(located),
    agreed: remote?.marker.board?.p === key ? remote.marker.board.f : {},
  };
  const ref: IssueRef = remote === undefined ? { taskId: located.key } : { number: remote.number };
  const target = { issue: ref, taskId: located.key, project: key, projectId: project.id };
  const recorded: BoardValues = {};
  const sets: Operation[] = [];
  for (const role of BOARD_ROLES) {
    const step = reconcileRole(role, context);
    if (step.record !== undefined) recorded[role] = step.record;
    if (step.write !== undefined && step.field)
      sets.push({
        kind: "set-project-field",
        ...target,
        fieldId: step.field.id,
        field: step.field.name,
        value: step.write,
      });
    // As reconcile.ts drifted(): a box-less story owes nothing when insertCheckbox is off.
    const owes = located.task.checked !== null || card.config.writeBack.insertCheckbox;
    if (step.moved && remote !== undefined && located.epic !== true && owes) decision.statusMoved.push(remote.number);
  }
  if (item === undefined) decision.operations.push({ kind: "add-project-item", ...target });
  decision.operations.push(...sets);
  decision.records.set(located.key, { p: key, f: recorded });
}

interface RoleContext {
  card: Card;
  doc: BoardValues;
  candidates: IterationCandidates;
  /** The marker's values when it names this project, else none (never agreed). */
  agreed: BoardValues;
}

interface RoleStep {
  field?: ProjectField;
  /** The value to record as agreed; undefined records none. */
  record?: string | number;
  /** The value to set, null to clear; undefined for no write. */
  write?: ProjectFieldValue | null;
  moved?: boolean;
}

/** One role of one card: the field, the doc's wish on it, and what to write and record. */
function reconcileRole(role: BoardRole, { card, doc, candidates, agreed }: RoleContext): RoleStep {
  const { key, project, item, config } = card;
  const lookup = roleField(project, role, config);
  if (lookup === undefined || "wrongType" in lookup) {
    if (wouldWrite(role, doc, candidates))
      addNote(card.notes, lookup ? wrongTypeNote(key, role, lookup.wrongType) : missingFieldNote(key, role, config));
    return {};
  }
  const field = lookup.found;
  const wish =
    role === "iteration" ? iterationWish(candidates, field, config) : docWish(role, doc[role], field, config);
  if (wish.value !== undefined && wish.resolved === null)
    addNote(
      card.notes,
      unresolvedNote(key, role, field, wish.value, config),
      unresolvedAbout(key, role, field, wish.value),
    );
  const agreedNow = agreedValue(role, agreed[role]);
  // No opinion: leave the card as it is and keep what was agreed.
  if (wish.guessed === true) return agreedNow === undefined ? { field } : { field, record: agreedNow };
  const current = item === undefined ? undefined : currentValue(role, field, item.values[field.id], config);
  const step = decideRole(role, wish, agreedNow, current, item !== undefined);
  return { field, ...step, ...(wish.resolved ? { record: wish.value } : {}) };
}

/** One unresolved value per field, compared as the board would match it. */
function unresolvedAbout(key: string, role: BoardRole, field: ProjectField, value: string | number): string {
  return ["unresolved", key, field.id, sameValueKey(role, value)].join("\u0000");
}

/**
 * The doc's value for a role and what it is on this field: null when it names nothing there.
 * `guessed`: the doc states nothing and no guess names anything on the board, so it has no
 * opinion (value and resolved undefined): nothing is written or cleared.
 */
interface Wish {
  value: string | number | undefined;
  resolved: ProjectFieldValue | null | undefined;
  guessed?: true;
}

function docWish(role: BoardRole, value: RoleValue, field: ProjectField, config: PlansyncConfig): Wish {
  return { value, resolved: value === undefined ? undefined : resolveValue(role, value, field, config) };
}

/**
 * A stated title is the doc's value, resolved or not (unresolved: reported, not written). Else the
 * first guess that names an iteration of the field; none: the doc has no opinion.
 */
function iterationWish(candidates: IterationCandidates, field: ProjectField, config: PlansyncConfig): Wish {
  if (candidates.stated > 0) {
    const title = candidates.titles[0]!;
    return { value: title, resolved: resolveValue("iteration", title, field, config) };
  }
  for (const title of candidates.titles) {
    const resolved = resolveValue("iteration", title, field, config);
    if (resolved !== null) return { value: title, resolved };
  }
  return { value: undefined, resolved: undefined, guessed: true };
}

/** Whether the doc has a value for a role that a missing field would lose (a heading guess is none). */
function wouldWrite(role: BoardRole, doc: BoardValues, candidates: IterationCandidates): boolean {
  return role === "iteration" ? candidates.stated > 0 : doc[role] !== undefined;
}

/**
 * One role of one card. `write` is the value to set (null clears), undefined for no write;
 * `moved` when the card's Status left the agreed one while the doc's stayed.
 */
function decideRole(
  role: BoardRole,
  wish: Wish,
  agreed: RoleValue,
  current: RoleValue,
  cardPresent: boolean,
): { write?: ProjectFieldValue | null; moved?: boolean } {
  const { value, resolved } = wish;
  const writable = value !== undefined && resolved !== null && resolved !== undefined;
  if (!cardPresent) return writable ? { write: resolved } : {};
  if (!sameValue(role, value, agreed)) {
    if (value === undefined) return current === undefined ? {} : { write: null };
    return writable && !sameValue(role, value, current) ? { write: resolved } : {};
  }
  if (current === undefined) return writable ? { write: resolved } : {};
  const moved = role === "status" && isStatusRole(current) && !sameValue(role, current, agreed);
  return moved ? { moved: true } : {};
}
