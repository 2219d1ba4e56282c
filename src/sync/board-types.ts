/**
 * A GitHub Projects (v2) board as plansync sees it: the doc's values for a card, what the marker
 * records as agreed, and what the board holds. Pure data; the adapters read and write it
 * (github/read-board.ts, github/apply-board.ts) and the core decides (reconcile-board.ts).
 */

/** The fields plansync fills, by role; each maps to a field name on the board (config `project.fields`). */
export const BOARD_ROLES = ["status", "estimate", "priority", "iteration", "start", "target"] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** A task's Status in doc terms: `[ ]` todo, `[~]` `[/]` `[-]` in progress, `[x]` done. */
export type StatusRole = "todo" | "inProgress" | "done";

/**
 * A card's values in doc terms, by role: status a StatusRole, estimate a number, priority and
 * iteration the doc's text, start and target `YYYY-MM-DD`. A role the doc gives no value is absent.
 */
export type BoardValues = Partial<Record<BoardRole, string | number>>;

/** What an issue's marker records of its card: the project and the values doc and board last agreed on. */
export interface BoardMarker {
  /** The project's key (projectKey in board-values.ts): `orgs/acme/7` or `users/octo/3`. */
  p: string;
  f: BoardValues;
}

/** A value as GitHub's `ProjectV2FieldValue` input takes it. */
export type ProjectFieldValue =
  { singleSelectOptionId: string } | { iterationId: string } | { number: number } | { date: string } | { text: string };

export interface ProjectField {
  id: string;
  name: string;
  /** GitHub's ProjectV2FieldType: SINGLE_SELECT, ITERATION, NUMBER, DATE, TEXT, and others plansync never writes. */
  dataType: string;
  options?: { id: string; name: string }[];
  /** Active and completed iterations. */
  iterations?: { id: string; title: string; startDate: string }[];
}

export interface ProjectBoard {
  /** `orgs/acme/7`. */
  key: string;
  url: string;
  /** The project's node id. */
  id: string;
  title: string;
  fields: ProjectField[];
}

/** One issue's card on one project, as read. Values by field id; a field without a value is absent. */
export interface BoardItem {
  itemId: string;
  values: Record<string, ProjectFieldValue>;
}

/** Why a project named in the config or a doc could not be used; the check run names the fix. */
export interface BoardProblem {
  key: string;
  url: string;
  /** `elsewhere`: the address is on another GitHub host than the repository; `limit`: past the projects one sync reads. */
  reason: "missing" | "forbidden" | "unsupported" | "elsewhere" | "limit";
  message: string;
}

/** Every project the docs name, as read for one sync. */
export interface BoardState {
  projects: Map<string, ProjectBoard>;
  /** Per project key, the cards of managed issues by issue number. */
  items: Map<string, Map<number, BoardItem>>;
  problems: BoardProblem[];
}
