import { parseId } from "./id-grammar.js";
import type { Candidate, Walk } from "./plan-walk.js";
import { outlineParent } from "./outline-number.js";
import { findPlaceholder } from "./placeholder.js";
import type { Diagnostic, Plan, Task } from "./plan-types.js";
import { placeholderWarning } from "./read-frontmatter.js";
import { idKey } from "./task-id.js";
import { isRequirementSection } from "./task-sections.js";

/**
 * Decides which candidates are tasks, once the whole doc has been seen. IDs are compared by
 * `idKey` (without case): `t010` and `T010` are one ID.
 * - the doc's convention first: where most ID-led items are letter-led (`T001`), a numbered item
 *   (`1.`, `2.1`) is a step or a count, not a task;
 * - a task with a box wins over mentions of its ID without one, wherever they are; a second box
 *   with the same ID and title is a repeat (a warning), with another title a real duplicate;
 * - a box-less mention of an ID that is already a task is a reference;
 * - a box-less ID-led bullet is a note under a Dependencies heading or a requirements heading
 *   (Functional Requirements, Success Criteria, Key Entities); in a doc whose tasks carry
 *   boxes, also under another notes heading (Parallel, Summary…) or when its prefix is none of
 *   the boxed tasks' (`US1` among `T001`s). Otherwise it stays a task: write-back inserts `[x] ` into box-less docs
 *   (epic breakdowns) one task at a time, and that must not turn the others into notes;
 * - dotted numbers give the parent (2.1 under 2, A1.1 under A1), else the nesting does.
 */
export function finishPlan(walk: Walk, placeholderTitles: ReadonlyMap<Task, string>): Plan {
  const candidates = followConvention(withSiblings(walk.candidates, walk.diagnostics), walk.diagnostics);
  const tasks = new Map<string, Candidate>();
  for (const candidate of candidates.filter((c) => c.boxed)) {
    const first = tasks.get(idKey(candidate.task.id));
    if (first === undefined) tasks.set(idKey(candidate.task.id), candidate);
    else walk.diagnostics.push(secondUse(candidate.task, first.task));
  }
  const boxedPrefixes = new Set([...tasks.values()].map((c) => prefixOf(c.task.id)));
  for (const candidate of candidates.filter((c) => !c.boxed)) {
    if (tasks.has(idKey(candidate.task.id))) continue;
    if (isNote(candidate.task, boxedPrefixes)) continue;
    tasks.set(idKey(candidate.task.id), candidate);
  }
  const kept = [...tasks.values()].sort((a, b) => a.task.line - b.task.line || a.task.column - b.task.column);
  for (const candidate of kept) candidate.task.parent = parentOf(candidate, tasks);
  attachDependencies(walk, tasks);
  for (const { task } of kept) checkTitle(task, placeholderTitles.get(task) ?? task.title, walk.diagnostics);
  assignMilestones(walk, kept);
  walk.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    milestone: walk.milestones[0] ?? null,
    milestones: walk.milestones,
    tasks: kept.map((c) => c.task),
    diagnostics: walk.diagnostics,
    fields: walk.fields,
    unassigned: walk.unassigned,
    title: walk.title,
    epics: walk.epics,
    overview: walk.overview,
    itemLeads: Object.fromEntries(walk.itemLeads),
  };
}

/**
 * A bare `Q3`-like ID (id-grammar.ts needsConvention) is a task only when another ID in the doc
 * shares its prefix (`T1`, `T2`); alone it is a word (`Q3 planning`, `EC2 cleanup`, `A11y audit`).
 * Those set aside are named in one info, with the way to make them tasks.
 */
function withSiblings(candidates: readonly Candidate[], diagnostics: Diagnostic[]): readonly Candidate[] {
  const idsByPrefix = new Map<string, Set<string>>();
  for (const { task } of candidates) {
    const prefix = prefixOf(task.id);
    if (!prefix) continue;
    const ids = idsByPrefix.get(prefix) ?? new Set<string>();
    ids.add(idKey(task.id));
    idsByPrefix.set(prefix, ids);
  }
  const alone = (c: Candidate) =>
    c.needsConvention === true && (idsByPrefix.get(prefixOf(c.task.id) ?? "")?.size ?? 0) < 2;
  const words = candidates.filter(alone);
  const [first] = words;
  if (!first) return candidates;
  const tokens = [...new Set(words.map((c) => c.task.id))].slice(0, 5).join(", ");
  diagnostics.push({
    severity: "info",
    code: "word-not-id",
    message: `${words.length} item${words.length === 1 ? " starts" : "s start"} with a word shaped like a task ID (${tokens}) that no other ID shares a prefix with, so plansync reads ${words.length === 1 ? "it" : "each"} as a word, not a task. To make one a task, write its ID in bold or code (\`**${first.task.id}**\`), zero-padded (\`T001\`), or list its prefix in \`ids.prefixes\`.`,
    line: first.task.line,
    column: first.task.column,
  });
  return candidates.filter((c) => !alone(c));
}

/**
 * In a section (the headings above) whose ID-led items are mostly letter-led (`T001`), a numbered
 * item (`1.`, `2.1`) is a step or a count, not a task. Per section, so a numbered section of its
 * own keeps its tasks; each section's steps set aside are named in one info.
 */
function followConvention(candidates: readonly Candidate[], diagnostics: Diagnostic[]): readonly Candidate[] {
  const sections = new Map<string, { numbered: number; total: number }>();
  const keyOf = (c: Candidate) => c.task.section.join("\n");
  for (const c of candidates) {
    const count = sections.get(keyOf(c)) ?? { numbered: 0, total: 0 };
    count.total++;
    if (isNumbered(c.task.id)) count.numbered++;
    sections.set(keyOf(c), count);
  }
  const isStep = (c: Candidate) => {
    const count = sections.get(keyOf(c))!;
    return isNumbered(c.task.id) && count.total - count.numbered > count.numbered;
  };
  const steps = candidates.filter(isStep);
  const reported = new Set<string>();
  for (const step of steps) {
    if (reported.has(keyOf(step))) continue;
    reported.add(keyOf(step));
    const lines = steps.filter((c) => keyOf(c) === keyOf(step)).map((c) => c.task.line);
    diagnostics.push(stepsInfo(step.task, lines));
  }
  return steps.length === 0 ? candidates : candidates.filter((c) => !isStep(c));
}

function stepsInfo(first: Task, lines: readonly number[]): Diagnostic {
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, 10).join(", ")}`;
  return {
    severity: "info",
    code: "numbered-step",
    message: `The numbered item${lines.length === 1 ? "" : "s"} on ${where} ${lines.length === 1 ? "is" : "are"} read as steps, not tasks: most tasks in this section have letter-led IDs (T001). To track ${lines.length === 1 ? "it" : "them"}, give ${lines.length === 1 ? "it" : "them"} such an ID or move ${lines.length === 1 ? "it" : "them"} under a heading of ${lines.length === 1 ? "its" : "their"} own.`,
    line: first.line,
    column: first.column,
  };
}

function isNumbered(id: string): boolean {
  return id[0]! >= "0" && id[0]! <= "9";
}

const NOTES_HEADING =
  /\b(dependenc(y|ies)|execution order|parallel|notes?|summary|strategy|mvp|checkpoints?|references?)\b/i;

/** Under a Dependencies heading a bullet names work the doc waits for, in any doc. */
const DEPENDENCIES_HEADING = /\b(dependenc(y|ies)|prerequisites?)\b/i;

/**
 * Under a Dependencies heading always; in a doc with boxed tasks, also under another notes
 * heading or with a prefix none of the boxed tasks has. Box-less docs keep their `## Notes` stories.
 */
function isNote(task: Task, boxedPrefixes: ReadonlySet<string | null>): boolean {
  if (task.section.some((h) => DEPENDENCIES_HEADING.test(h))) return true;
  // A spec's `- **FR-001**: System MUST …` under Requirements states what must hold; an epic's
  // stories (`### Epic 2` › `- **BE-101:**`) are work wherever the epic sits.
  if (task.epic === null && isRequirementSection(task.section)) return true;
  if (boxedPrefixes.size === 0) return false;
  return !boxedPrefixes.has(prefixOf(task.id)) || task.section.some((h) => NOTES_HEADING.test(h));
}

function prefixOf(id: string): string | null {
  return parseId(id)?.prefix ?? null;
}

function parentOf(candidate: Candidate, tasks: ReadonlyMap<string, Candidate>): string | null {
  if (candidate.outline) {
    for (let id = outlineParent(candidate.task.id); id !== null; id = outlineParent(id)) {
      const parent = tasks.get(idKey(id));
      if (parent) return parent.task.id;
    }
  }
  for (let up = candidate.nestedIn; up !== null; up = up.nestedIn) {
    if (tasks.get(idKey(up.task.id)) === up) return up.task.id;
  }
  return null;
}

/** Each edge is checked against a set of the task's edges so far: a task may name thousands. */
function attachDependencies(walk: Walk, tasks: ReadonlyMap<string, Candidate>): void {
  const seen = new Map<Task, Set<string>>();
  for (const { task, on } of walk.edges) {
    const waiting = tasks.get(idKey(task))?.task;
    if (!waiting) continue;
    const named = seen.get(waiting) ?? new Set(waiting.dependsOn.map(idKey));
    seen.set(waiting, named);
    // A task naming itself is kept: the sync warns about it on the task's line.
    if (!named.has(idKey(on))) {
      named.add(idKey(on));
      waiting.dependsOn.push(on);
    }
  }
}

/**
 * A task belongs to the milestone above it: the frontmatter's, or the nearest `Milestone:`
 * heading before it; tasks above the first one belong to the first.
 */
function assignMilestones(walk: Walk, kept: readonly Candidate[]): void {
  const milestoneAt = milestoneFinder(walk);
  for (const { task } of kept) task.milestone = milestoneAt(task.line);
  for (const epic of walk.epics) epic.milestone = milestoneAt(epic.line);
}

/** A binary search over the milestones by line: a doc may name thousands, above thousands of tasks. */
function milestoneFinder(walk: Walk): (line: number) => string | null {
  const byLine = [...walk.milestones].sort((a, b) => a.line - b.line);
  return (line) => {
    let low = 0;
    let high = byLine.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byLine[middle]!.line <= line) low = middle + 1;
      else high = middle;
    }
    return (byLine[low - 1] ?? walk.milestones[0])?.title ?? null;
  };
}

function checkTitle(task: Task, titleWithoutCode: string, diagnostics: Diagnostic[]): void {
  const placeholder = findPlaceholder(titleWithoutCode);
  if (placeholder) diagnostics.push(placeholderWarning(`Task ${task.id}'s title`, placeholder, task.line, task.column));
  if (task.title === "")
    diagnostics.push({
      severity: "warning",
      code: "empty-title",
      message: `Task ${task.id} has no title. Write what the task is after the ID.`,
      line: task.line,
      column: task.column,
    });
}

/** A second boxed item with a used ID: the same line again is a repeat, another task a duplicate. */
function secondUse(task: Task, first: Task): Diagnostic {
  if (task.title === first.title)
    return {
      severity: "warning",
      code: "repeated-task",
      message: `Task ${task.id} repeats line ${first.line} word for word; plansync reads the first and ignores this one. Delete the repeat.`,
      line: task.line,
      column: task.column,
    };
  return {
    severity: "error",
    code: "duplicate-id",
    message: `Task ID ${task.id} is already used on line ${first.line}; plansync keeps the first and ignores this one. Give this task a new ID.`,
    line: task.line,
    column: task.column,
  };
}
