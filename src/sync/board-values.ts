import { PROJECT_URL, projectUrlOf, type PlansyncConfig } from "../config/config-schema.js";
import type { Milestone, Plan } from "../plan/index.js";
import type { LocatedTask } from "./collect-tasks.js";
import { calendarDate, fieldValue } from "./board-doc-fields.js";
import { estimateHours } from "./board-estimate.js";
import { iterationCandidates } from "./board-iteration.js";
import { taskPriority } from "./board-priority.js";
import { statusRole } from "./board-status.js";
import type { BoardValues, StatusRole } from "./board-types.js";

/**
 * A project's key from its address: `https://github.com/orgs/Acme/projects/7` → `orgs/acme/7`.
 * The host, a view (`/views/1`), a query and a fragment are ignored and the owner lower-cased
 * (logins ignore case), so two spellings of one board are one key. Null for anything that is no
 * project address.
 */
export function projectKey(url: string): string | null {
  const match = PROJECT_URL.exec(url.trim());
  return match ? `${match[1]}/${match[2]!.toLowerCase()}/${match[3]}` : null;
}

/**
 * The board a task goes on, as the project's own address (projectUrlOf: no view or query): its
 * file's frontmatter `project:`, else config `project.url`; null for none. The frontmatter value
 * is checked again (a Plan may come from anywhere).
 */
export function projectUrlFor(located: LocatedTask, config: PlansyncConfig): string | null {
  const own = located.file.plan.project;
  const fromDoc = typeof own === "string" ? projectUrlOf(own) : null;
  if (fromDoc !== null) return fromDoc;
  const configured = config.project.url;
  return configured === null ? null : projectUrlOf(configured);
}

const START_FIELDS = ["Start", "Start date", "Starts", "Start on"];
const TARGET_FIELDS = ["Target", "Target date", "Due", "Due date", "Deadline"];
const ESTIMATE_FIELDS = ["Estimate", "Effort"];

/**
 * The card's values in doc terms (board-types.ts BoardValues); a role the doc gives no value is
 * absent. `config` is taken for the signature's sake: every value is in doc terms, so nothing
 * configured changes it (field and option names apply in reconcile-board.ts).
 * - status: `[x]` done, `[~]` `[/]` `[-]` inProgress, else todo; an epic is done when all its
 *   stories are, inProgress when some are done or in progress, else todo.
 * - estimate: its points, else its time estimate (`~4h`, `**Estimate:** 1.5h`) in hours (board-estimate.ts).
 * - priority: board-priority.ts taskPriority.
 * - iteration: the first of board-iteration.ts iterationCandidates (reconcile-board.ts tries them all).
 * - start/target: the task's `**Start:**` / `**Due:**` (`Target`, `Deadline`) field, else its
 *   milestone's start (frontmatter `start_date`) and due date.
 */
export function boardValues(located: LocatedTask, config: PlansyncConfig): BoardValues {
  void config;
  const { task } = located;
  const values: BoardValues = { status: located.epic === true ? epicStatus(located) : statusRole(task) };
  const estimate = task.points ?? hoursOf(task.estimate) ?? hoursOf(fieldValue(task.fields, ESTIMATE_FIELDS));
  if (estimate !== null && Number.isFinite(estimate)) values.estimate = estimate;
  const priority = taskPriority(located);
  if (priority !== null) values.priority = priority;
  const iteration = iterationCandidates(located).titles[0];
  if (iteration !== undefined) values.iteration = iteration;
  const milestone = task.milestone === null ? undefined : milestonesOf(located.file.plan).get(task.milestone);
  const start = dateOf(fieldValue(task.fields, START_FIELDS)) ?? dateOf(milestone?.startOn);
  const target = dateOf(fieldValue(task.fields, TARGET_FIELDS)) ?? dateOf(milestone?.dueOn);
  if (start !== null) values.start = start;
  if (target !== null) values.target = target;
  return values;
}

/** An epic's box is its stories': done when all are, in progress once one is done or under way. */
function epicStatus(located: LocatedTask): StatusRole {
  if (located.task.checked === true) return "done";
  return startedEpics(located.file.plan).has(located.task.id) ? "inProgress" : "todo";
}

/** The epics with a story done or under way, once per plan: a doc may hold thousands of each. */
const startedByPlan = new WeakMap<Plan, Set<string>>();

function startedEpics(plan: Plan): Set<string> {
  let started = startedByPlan.get(plan);
  if (!started) {
    started = new Set(
      plan.tasks.filter((t) => t.epic !== null && (t.checked === true || t.inProgress)).map((t) => t.epic!),
    );
    startedByPlan.set(plan, started);
  }
  return started;
}

function hoursOf(text: string | null | undefined): number | null {
  return text ? estimateHours(text) : null;
}

function dateOf(text: string | null | undefined): string | null {
  return typeof text === "string" ? calendarDate(text) : null;
}

/** A doc's milestones by title, the first of a title winning: built once per plan, as a doc may name thousands. */
const milestoneMaps = new WeakMap<Plan, Map<string, Milestone>>();

function milestonesOf(plan: Plan): Map<string, Milestone> {
  let byTitle = milestoneMaps.get(plan);
  if (!byTitle) {
    byTitle = new Map();
    for (const milestone of plan.milestones) if (!byTitle.has(milestone.title)) byTitle.set(milestone.title, milestone);
    milestoneMaps.set(plan, byTitle);
  }
  return byTitle;
}
