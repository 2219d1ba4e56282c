import { splitId } from "./id-matcher.js";
import type { Candidate, Walk } from "./plan-walk.js";
import { outlineParent } from "./outline-number.js";
import { findPlaceholder } from "./placeholder.js";
import type { Diagnostic, Plan, Task } from "./plan-types.js";
import { placeholderWarning } from "./read-frontmatter.js";

/**
 * Decides which candidates are tasks, once the whole doc has been seen:
 * - a task with a box wins over mentions of its ID without one, wherever they are;
 *   two boxes with one ID are a real duplicate;
 * - a box-less mention of an ID that is already a task is a reference;
 * - in a doc whose tasks carry boxes, a box-less ID-led bullet is a note when it sits under a
 *   notes heading (Dependencies, Parallel…) or its prefix is none of the boxed tasks' (`US1`
 *   among `T001`s). Otherwise it stays a task: write-back inserts `[x] ` into box-less docs
 *   (epic breakdowns) one task at a time, and that must not turn the others into notes;
 * - outline numbers give the parent (2.1 under 2), else the nesting does.
 */
export function finishPlan(walk: Walk, placeholderTitles: ReadonlyMap<Task, string>): Plan {
  const tasks = new Map<string, Candidate>();
  for (const candidate of walk.candidates.filter((c) => c.boxed)) {
    const first = tasks.get(candidate.task.id);
    if (first === undefined) tasks.set(candidate.task.id, candidate);
    else walk.diagnostics.push(duplicateId(candidate.task, first.task.line));
  }
  const boxedPrefixes = new Set([...tasks.values()].map((c) => prefixOf(c.task.id)));
  for (const candidate of walk.candidates.filter((c) => !c.boxed)) {
    if (tasks.has(candidate.task.id)) continue;
    if (boxedPrefixes.size > 0 && isNote(candidate.task, boxedPrefixes)) continue;
    tasks.set(candidate.task.id, candidate);
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
  };
}

const NOTES_HEADING =
  /\b(dependenc(y|ies)|execution order|parallel|notes?|summary|strategy|mvp|checkpoints?|references?)\b/i;

function isNote(task: Task, boxedPrefixes: ReadonlySet<string | null>): boolean {
  return !boxedPrefixes.has(prefixOf(task.id)) || task.section.some((h) => NOTES_HEADING.test(h));
}

function prefixOf(id: string): string | null {
  return splitId(id)?.prefix ?? null;
}

function parentOf(candidate: Candidate, tasks: ReadonlyMap<string, Candidate>): string | null {
  if (candidate.outline) {
    for (let id = outlineParent(candidate.task.id); id !== null; id = outlineParent(id)) {
      if (tasks.get(id)?.outline) return id;
    }
  }
  for (let up = candidate.nestedIn; up !== null; up = up.nestedIn) {
    if (tasks.get(up.task.id) === up) return up.task.id;
  }
  return null;
}

/** Each edge is checked against a set of the task's edges so far: a task may name thousands. */
function attachDependencies(walk: Walk, tasks: ReadonlyMap<string, Candidate>): void {
  const seen = new Map<Task, Set<string>>();
  for (const { task, on } of walk.edges) {
    const waiting = tasks.get(task)?.task;
    if (!waiting) continue;
    const named = seen.get(waiting) ?? new Set(waiting.dependsOn);
    seen.set(waiting, named);
    // A task naming itself is kept: the sync warns about it on the task's line.
    if (!named.has(on)) {
      named.add(on);
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

function duplicateId(task: Task, firstLine: number): Diagnostic {
  return {
    severity: "error",
    code: "duplicate-id",
    message: `Task ID ${task.id} is already used on line ${firstLine}; plansync keeps the first and ignores this one. Give this task a new ID.`,
    line: task.line,
    column: task.column,
  };
}
