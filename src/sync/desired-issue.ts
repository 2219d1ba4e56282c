import type { LocatedTask } from "./collect-tasks.js";
import { scopeName } from "./task-scope.js";
import { createHash } from "node:crypto";
import type { PlansyncConfig } from "../config/config-schema.js";
import type { Task } from "../plan/index.js";
import { fitText, GITHUB_LIMITS } from "./github-limits.js";
import { neutralizeChecklistNumbers } from "./checklist-numbers.js";
import { escapeMarkers } from "./marker.js";
import { milestoneTitle } from "./milestone-title.js";
import { neutralizeMarkdown, neutralizeText } from "./neutralize-mentions.js";
import type { IssueState } from "./sync-types.js";
import type { BoardMarker } from "./board-types.js";
import type { EpicDiagram } from "./epic-diagram.js";

export const MANAGED_LABEL = "plansync";
/** Kiro's `- [ ]* 2.3 …`. */
export const OPTIONAL_LABEL = "optional";
export const REMOVED_LABEL = "plansync: removed";
/** Label families plansync owns: it may remove these, and never touches any other label. */
export const MANAGED_PREFIXES = ["priority: ", "points: ", "estimate: ", "section: ", "epic: "];
/** The label of an epic's issue, and the prefix of a story's epic label (`hierarchy.epics: label`). */
export const EPIC_LABEL = "epic";
const EPIC_PREFIX = "epic: ";

const ASSIGNEE_FIELDS = ["Engineer", "Assignee", "Assignees", "Owner"];
/** `@login`, not inside an e-mail address: `bob@example.com` names no login `example`. */
const HANDLE = /(?<![\w.+-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?![\w/@-])/g;

/** What a task's issue should look like, before it is tied to a commit or an issue number. */
export interface DesiredIssue {
  /** The task's key (`T001 (specs/001-albums)`), which names it in operations and reports. */
  taskId: string;
  id: string;
  scope: string | null;
  file: string;
  line: number;
  title: string;
  /** The body above the footer: the task's sub-bullets as written, mentions neutralised. */
  content: string;
  /** Section path and estimate, shown in the footer. */
  meta: string;
  labels: string[];
  /**
   * Labels outside the families of MANAGED_PREFIXES that plansync owns on this issue all the same,
   * so it takes them off when the doc no longer asks for them: the configured in-progress label.
   */
  ownedLabels?: string[];
  milestone: string | null;
  assignees: string[];
  state: IssueState;
  hash: string;
  /** The doc's checklist ticks, one `x` or space per item (see Marker.checks). */
  checks: string;
  /** The IDs of the blockers plansync links (reconcile-dependencies.ts), recorded in the marker. */
  deps: string[];
  /** An epic's issue (epic-tasks.ts). */
  epic: boolean;
  /** The hash of its sub-issues' order in the doc (reconcile-sub-issues.ts), when it has several. */
  order?: string;
  /**
   * The issue type the doc's kind asks for (config `types`), in GitHub's spelling; null when the
   * owner defines no such type; absent when plansync leaves types alone (issue-type.ts).
   */
  type?: string | null;
  /** The card values to record as agreed (reconcile-board.ts), when the task is on a board. */
  board?: BoardMarker;
  /** An epic's picture of its stories (epic-diagram.ts), shown below its content. */
  diagram?: string;
}

export function desiredIssue(
  located: LocatedTask,
  config: PlansyncConfig,
  deps: string[] = [],
  diagram?: EpicDiagram,
): DesiredIssue {
  const { task, scope, key } = located;
  const epic = located.epic === true;
  const file = located.file.path;
  const docFields = located.file.plan.fields;
  // An epic is scoped to its file, but `Epic 2: Query API` needs no folder to be understood.
  const template = scope === null || epic ? config.issues.title : config.issues.scopedTitle;
  const values = { id: task.id, title: task.title || task.id, scope: scope === null ? "" : scopeName(scope) };
  const title = fitText(neutralizeText(fillTemplate(template, values)), GITHUB_LIMITS.issueTitle);
  const content = task.body
    ? escapeMarkers(neutralizeChecklistNumbers(neutralizeMarkdown(task.body)))
    : "_No description in the doc._";
  const meta = neutralizeText(
    [
      task.section.join(" › "),
      task.points === null ? "" : `${task.points} points`,
      task.estimate ? `estimate ${task.estimate}` : "",
    ]
      .filter(Boolean)
      .join(" · "),
  );
  const milestone =
    task.milestone === null || !config.milestones.enabled ? null : milestoneTitle(task.milestone, config);
  const labels = epic ? [MANAGED_LABEL, EPIC_LABEL] : issueLabels(task, config, epicTitle(located, config));
  const assignees = readAssignees(task.fields, docFields);
  // An epic's picture counts without its links (epic-diagram.ts): its graph and states are content.
  const parts = [title, content, meta, labels, milestone, assignees];
  const hash = contentHash(diagram ? [...parts, diagram.key] : parts);
  const state = task.checked === true ? "closed" : "open";
  const checks = task.checklist.map((item) => (item.checked ? "x" : " ")).join("");
  return {
    taskId: key,
    id: task.id,
    scope,
    file,
    line: task.line,
    title,
    content,
    meta,
    labels,
    ownedLabels: ownedLabels(config),
    milestone,
    assignees,
    state,
    hash,
    checks,
    deps,
    epic,
    ...(diagram && { diagram: diagram.text }),
  };
}

/** The labels outside the managed families that plansync owns: the configured in-progress label. */
export function ownedLabels(config: PlansyncConfig): string[] {
  return config.labels.inProgress ? [config.labels.inProgress] : [];
}

/** With `hierarchy.epics: label`, a story's label names its epic: `epic: Query API`. */
function epicTitle(located: LocatedTask, config: PlansyncConfig): string | null {
  if (config.hierarchy.epics !== "label" || located.task.epic === null) return null;
  const epic = located.file.plan.epics.find((e) => e.id === located.task.epic);
  return epic ? neutralizeText(epic.title || epic.id) : null;
}

/**
 * `{id}` and `{title}` filled in one pass, with the values inserted literally: `$&` or `$1` in a
 * title is text, and a title containing `{id}` is not filled again.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function issueLabels(task: Task, config: PlansyncConfig, epic: string | null): string[] {
  const labels = [MANAGED_LABEL];
  if (epic) labels.push(`${EPIC_PREFIX}${epic}`.slice(0, GITHUB_LIMITS.labelName));
  if (config.labels.priority) labels.push(...task.labels.filter((l) => l.startsWith("priority: ")));
  if (config.labels.points && task.points !== null) labels.push(`points: ${task.points}`);
  if (config.labels.points && task.estimate) labels.push(labelName(`estimate: ${task.estimate}`));
  if (config.labels.inProgress && task.inProgress) labels.push(config.labels.inProgress);
  if (task.optional) labels.push(OPTIONAL_LABEL);
  const innermost = task.section[task.section.length - 1];
  if (config.labels.sections && innermost) labels.push(`section: ${innermost.slice(0, 40)}`);
  return capped([...labels, ...tagLabels(task)]);
}

/**
 * Each label once, in the case first written (GitHub's label names ignore case), plansync's own
 * first and no more than GitHub takes on an issue: tags past the limit are left off.
 */
function capped(labels: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const label of labels) {
    const key = label.toLowerCase();
    if (seen.has(key) || kept.length === GITHUB_LIMITS.issueLabels) continue;
    seen.add(key);
    kept.push(label);
  }
  return kept;
}

/**
 * The doc's free tags (`#tag`, a task file's `labels:`) as labels, added and never removed:
 * they are no family plansync owns, so a tag taken out of the doc leaves its label to a human.
 */
function tagLabels(task: Task): string[] {
  return (task.tags ?? []).map(labelName).filter((name) => name !== "" && !isManaged(name));
}

/** A label name GitHub accepts and that mentions no one: trimmed, neutralised, within its length. */
function labelName(text: string): string {
  const name = neutralizeText(text.trim());
  return name.length <= GITHUB_LIMITS.labelName ? name : name.slice(0, GITHUB_LIMITS.labelName).trimEnd();
}

/** Assignees come only from explicit fields: the task's own, else the document's. */
function readAssignees(fields: Record<string, string>, docFields: Record<string, string>): string[] {
  const field = ASSIGNEE_FIELDS.find((name) => fields[name] !== undefined);
  const value = field ? fields[field]! : (ASSIGNEE_FIELDS.map((name) => docFields[name]).find(Boolean) ?? "");
  return [...new Set([...value.matchAll(HANDLE)].map((m) => m[1]!))].slice(0, 10);
}

function contentHash(parts: unknown[]): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("hex").slice(0, 12);
}

/** A label in a family plansync owns: a tag must not pose as one, or the next sync would remove it. */
function isManaged(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === REMOVED_LABEL || MANAGED_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
