import type { Root } from "mdast";
import { createIdMatcher, type IdMatcher } from "./id-matcher.js";
import { inlineText } from "./inline-text.js";
import { frontmatterLength, parseMarkdown } from "./markdown-parser.js";
import type { ParseOptions } from "./parse-plan.js";
import type { Diagnostic, Milestone, Plan, StatusField, Task } from "./plan-types.js";
import { frontmatterData } from "./read-frontmatter.js";
import { readChecklist } from "./task-file-checklist.js";
import { assigneeField, dependencyIds, listOf, priorityLabels, scalarText } from "./task-file-fields.js";
import { findKeyLine, type KeyLine } from "./task-file-keys.js";
import { BACKLOG_STATUS, readStatus, type TaskStatus } from "./task-file-status.js";

/**
 * A file whose frontmatter holds a task ID (`id: BACK-200`) is one task: Backlog.md keeps one file
 * per task. Its frontmatter gives the title, state, labels, assignees, priority, milestone and
 * dependencies; its body is the body; its checkbox items are the task's checklist.
 * Returns null for any other file (no frontmatter, broken YAML, no ID): that is read as a doc,
 * and broken YAML is reported there as one error, with nothing half-read.
 */
export function readTaskFile(text: string, shift: number, options: ParseOptions): Plan | null {
  const end = frontmatterLength(text);
  // Most docs with frontmatter have no `id:` line: they are not parsed as YAML twice.
  if (end === 0 || findKeyLine(text, end, "id") === null) return null;
  const data = frontmatterData(text.slice(0, end));
  const id = data === null ? null : scalarText(data.id);
  const matcher = createIdMatcher({ prefixes: options.idPrefixes ?? [] });
  if (data === null || id === null || !isDeclaredId(id, matcher)) return null;
  const diagnostics: Diagnostic[] = [];
  const keys = (key: string) => findKeyLine(text, end, key);
  const idLine = keys("id");
  const line = idLine?.line ?? 1;
  const lineOf = (key: string) => keys(key)?.line ?? line;
  const root = parseMarkdown(text);
  const status = readTaskStatus(data.status, lineOf("status"), options, diagnostics);
  const milestone = milestoneOf(data.milestone, lineOf("milestone"));
  const assignee = assigneeField(data.assignee ?? data.assignees);
  const task: Task = {
    id,
    title: scalarText(data.title) ?? firstHeading(root) ?? "",
    checked: status === "done",
    inProgress: status === "in-progress",
    optional: false,
    line,
    column: 1,
    points: null,
    milestone: milestone?.title ?? null,
    section: [],
    labels: priorityLabels(data.priority, lineOf("priority"), diagnostics),
    parent: null,
    markers: [],
    body: trimBlankLines(text.slice(end)),
    checklist: readChecklist(root, text, shift),
    fields: assignee === null ? {} : { Assignee: assignee },
    checkbox: { markOffset: null, mark: null, contentOffset: (idLine?.nextLine ?? 0) + shift },
    dependsOn: dependencyIds(data.dependencies, matcher, lineOf("dependencies"), diagnostics),
    epic: null,
    tags: listOf(data.labels),
    estimate: null,
    statusField: statusField(text, keys("status"), idLine, shift),
  };
  if (task.title === "") diagnostics.push(emptyTitle(id, line));
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const milestones = milestone ? [milestone] : [];
  return {
    milestone: milestone ?? null,
    milestones,
    tasks: [task],
    diagnostics,
    fields: {},
    title: task.title || null,
    unassigned: [],
    epics: [],
    overview: null,
  };
}

/**
 * `id:` declares an ID, so no prose can be mistaken for one: the case it is written in does not
 * matter (Backlog.md writes `task-12`, which a list item's lowercase reading would take for a word).
 */
export function isDeclaredId(id: string, matcher: IdMatcher): boolean {
  return matcher.isId(id) || matcher.isId(id.toUpperCase());
}

/** An unknown status is read as open, with a warning on its line: the task is not lost. */
function readTaskStatus(value: unknown, line: number, options: ParseOptions, diagnostics: Diagnostic[]): TaskStatus {
  const text = scalarText(value);
  if (text === null) return "open";
  const values = options.taskStatus ?? BACKLOG_STATUS;
  const status = readStatus(text, values);
  if (status !== null) return status;
  const known = [...values.open, ...values.inProgress, ...values.done].join(", ");
  diagnostics.push({
    severity: "warning",
    code: "unknown-status",
    message: `status ${JSON.stringify(text.slice(0, 40))} is none of ${known}, so plansync reads the task as open. Write one of those, or add it under taskFiles.status in .github/plansync.yml.`,
    line,
    column: 1,
  });
  return "open";
}

/** The task's milestone; it is the file's too, so the sync creates it. */
function milestoneOf(value: unknown, line: number): Milestone | null {
  const title = scalarText(value);
  return title === null ? null : { title, dueOn: null, state: "open", stated: false, line };
}

/** Where write-back changes the status: its value, or the line after `id:` when there is none. */
function statusField(text: string, status: KeyLine | null, id: KeyLine | null, shift: number): StatusField | null {
  if (status)
    return {
      offset: status.valueStart + shift,
      length: status.valueEnd - status.valueStart,
      value: text.slice(status.valueStart, status.valueEnd),
      missing: false,
    };
  return id ? { offset: id.nextLine + shift, length: 0, value: "", missing: true } : null;
}

function firstHeading(root: Root): string | null {
  const heading = root.children.find((node) => node.type === "heading");
  return heading ? inlineText(heading).trim() || null : null;
}

/** The body as written, without the blank lines between the frontmatter and it, or at its end. */
function trimBlankLines(body: string): string {
  let start = 0;
  for (
    let next = body.indexOf("\n");
    next !== -1 && body.slice(start, next).trim() === "";
    next = body.indexOf("\n", start)
  )
    start = next + 1;
  return body.slice(start).trimEnd();
}

function emptyTitle(id: string, line: number): Diagnostic {
  return {
    severity: "warning",
    code: "empty-title",
    message: `Task ${id} has no title. Add a \`title:\` to its frontmatter.`,
    line,
    column: 1,
  };
}
