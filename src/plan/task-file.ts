import type { Root } from "mdast";
import { createIdMatcher, type IdMatcher } from "./id-matcher.js";
import { inlineText } from "./inline-text.js";
import { frontmatterLength, parseMarkdown } from "./markdown-parser.js";
import type { ParseOptions } from "./parse-plan.js";
import type { Diagnostic, Milestone, Plan, StatusField, Task } from "./plan-types.js";
import { readChecklist } from "./task-file-checklist.js";
import { assigneeField, dependencyIds, listOf, priorityLabels, scalarText } from "./task-file-fields.js";
import { readTaskFrontmatter, type FrontmatterValue } from "./task-file-frontmatter.js";
import { projectFromData } from "./read-frontmatter.js";
import { BACKLOG_STATUS, readStatus, type TaskStatus } from "./task-file-status.js";

/**
 * A file whose frontmatter holds a task ID (`id: BACK-200`) and a `status:` key is one task:
 * Backlog.md keeps one file per task and always writes both. An `id:` alone is what Docusaurus
 * and other site generators give every page, and a spec may carry one over its own tasks: those
 * files are docs. The frontmatter gives the title, state, labels, assignees, priority, milestone
 * and dependencies; the body is the body; its checkbox items are the task's checklist.
 * Returns null for any other file (no frontmatter, broken YAML, no ID, no status): that is read
 * as a doc, and broken YAML is reported there as one error, with nothing half-read.
 */
export function readTaskFile(text: string, shift: number, options: ParseOptions): Plan | null {
  const end = frontmatterLength(text);
  // Most docs with frontmatter name neither key: they are not parsed as YAML twice.
  if (end === 0 || !mayBeTaskFile(text.slice(0, end))) return null;
  const front = readTaskFrontmatter(text, end);
  if (!front || !Object.hasOwn(front.data, "status")) return null;
  const { data } = front;
  const statusAt = front.values.get("status");
  const id = scalarText(data.id);
  const matcher = createIdMatcher({ prefixes: options.idPrefixes ?? [] });
  if (id === null || !isDeclaredId(id, matcher)) return null;
  const diagnostics: Diagnostic[] = [];
  const line = front.values.get("id")?.line ?? 1;
  const lineOf = (key: string) => front.values.get(key)?.line ?? line;
  const root = parseMarkdown(text);
  const status = readTaskStatus(data.status, lineOf("status"), options, diagnostics);
  if (front.notStrict) diagnostics.push(notStrictYaml(front.notStrict, statusAt !== undefined));
  const assigneeKey = data.assignee !== undefined ? "assignee" : "assignees";
  const milestone = milestoneOf(data.milestone, lineOf("milestone"));
  const assignee = assigneeField(data[assigneeKey], lineOf(assigneeKey), diagnostics);
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
    checkbox: { markOffset: null, mark: null, contentOffset: end + shift },
    dependsOn: dependencyIds(data.dependencies, matcher, lineOf("dependencies"), diagnostics),
    epic: null,
    tags: listOf(data.labels),
    estimate: null,
    statusField: statusAt ? statusField(statusAt, scalarText(data.status) ?? "", shift) : null,
  };
  if (task.title === "") diagnostics.push(emptyTitle(id, line));
  const project = projectFromData(data, "", lineOf("project"), diagnostics);
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
    ...(project !== null && { project }),
  };
}

/** Both keys named somewhere in the block: a cheap look before the YAML parse. */
function mayBeTaskFile(block: string): boolean {
  return block.includes("id") && block.includes("status");
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
  if (typeof value === "object" && value !== null) {
    diagnostics.push(notOneStatus(line));
    return "open";
  }
  const text = scalarText(value);
  if (text === null) return "open";
  const values = options.taskStatus ?? BACKLOG_STATUS;
  const status = readStatus(text, values);
  if (status !== null) return status;
  const known = [...values.open, ...values.inProgress, ...values.done].join(", ");
  diagnostics.push({
    severity: "warning",
    code: "unknown-status",
    message: `status ${JSON.stringify(text.slice(0, 40))} is none of ${known}, so plansync reads the task as open. Write one of those, or add it under taskFiles.status in .github/plansync.yml. (A file whose frontmatter has a task \`id:\` and a \`status:\` is read as one task, so its list items are not tasks.)`,
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

/**
 * Where write-back writes the status: over the value node's own source range, in its quotes when
 * quoted. A block scalar or an alias is replaced by a single value; a list or map is not touched
 * (readTaskStatus warns about it).
 */
function statusField(at: FrontmatterValue, value: string, shift: number): StatusField | null {
  if (at.style === "collection") return null;
  const quote = at.style === "single" ? "'" : at.style === "double" ? '"' : "";
  return { offset: at.start + shift, length: at.end - at.start, value, quote };
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

/** Read as Backlog.md reads it; the state is written back only where its value was located. */
function notStrictYaml(problem: { message: string; line: number }, located: boolean): Diagnostic {
  const writes = located
    ? "plansync reads it as Backlog.md does"
    : "plansync reads it as Backlog.md does, but cannot locate the status value, so closing or reopening the issue is not written back";
  return {
    severity: "warning",
    code: "not-strict-yaml",
    message: `The frontmatter is not strict YAML (${problem.message}); ${writes}. Fix the YAML, for example by indenting the continuation lines of a multi-line value.`,
    line: problem.line,
    column: 1,
  };
}

function notOneStatus(line: number): Diagnostic {
  return {
    severity: "warning",
    code: "unknown-status",
    message:
      "status is a list or a map, not one value, so plansync reads the task as open and does not write its state back. Write one status, such as `status: To Do`.",
    line,
    column: 1,
  };
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
