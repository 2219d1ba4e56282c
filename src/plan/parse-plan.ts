import type { Heading, List, ListItem, Nodes, Paragraph, Root } from "mdast";
import { fieldFromLine, readBoldFields } from "./bold-fields.js";
import { locateCheckbox } from "./checkbox-location.js";
import { createIdMatcher, type IdMatcher } from "./id-matcher.js";
import { firstLineText, inlineText } from "./inline-text.js";
import { frontmatterLength, parseMarkdown } from "./markdown-parser.js";
import { milestoneHeadingTitle } from "./milestone-heading.js";
import { findPlaceholder } from "./placeholder.js";
import type { Diagnostic, Milestone, Plan, Task } from "./plan-types.js";
import { placeholderWarning, readFrontmatter } from "./read-frontmatter.js";
import { sectionLabels } from "./section-labels.js";
import { shiftPositions } from "./shift-positions.js";
import { sliceBody } from "./slice-body.js";
import { pieceStarts } from "./split-sections.js";
import { readTaskLead, type TaskLead } from "./task-lead.js";

export interface ParseOptions {
  /** Accepted ID prefixes (`BE`, `PAY`); empty or absent accepts any. */
  idPrefixes?: readonly string[];
}

interface Walk {
  text: string;
  /** Added to every offset: the BOM is stripped before parsing but is part of the file. */
  shift: number;
  matcher: IdMatcher;
  headings: { depth: number; text: string }[];
  tasks: Task[];
  seen: Map<string, number>;
  diagnostics: Diagnostic[];
  /** Every milestone the doc names, in order: frontmatter first, then `Milestone:` headings. */
  milestones: Milestone[];
  fields: Record<string, string>;
}

const BOM = "\uFEFF";

/** Markdown in, plan out. Pure: no I/O, and never throws on bad input, which becomes diagnostics. */
export function parsePlan(source: string, options: ParseOptions = {}): Plan {
  const shift = source.startsWith(BOM) ? 1 : 0;
  const text = shift ? source.slice(1) : source;
  const walk: Walk = {
    text,
    shift,
    matcher: createIdMatcher({ prefixes: options.idPrefixes ?? [] }),
    headings: [],
    tasks: [],
    seen: new Map(),
    diagnostics: [],
    milestones: [],
    fields: {},
  };
  const starts = pieceStarts(text, frontmatterLength(text));
  for (const [index, start] of starts.entries()) {
    const root = parsePiece(text, start, starts[index + 1] ?? text.length);
    if (index === 0 && !readFrontmatterNode(root, walk)) return finish(walk, []);
    visitChildren(root, walk, null);
  }
  return finish(walk, walk.tasks);
}

/** Parses text[start, end) and places its positions in the whole file. */
function parsePiece(text: string, start: number, end: number): Root {
  if (start === 0 && end === text.length) return parseMarkdown(text);
  const root = parseMarkdown(text.slice(start, end));
  shiftPositions(root, start, lineCount(text, start));
  return root;
}

/** Newlines before `offset`: the line number a piece starting there begins after. */
function lineCount(text: string, offset: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/**
 * A task belongs to the milestone above it: the frontmatter's, or the nearest `Milestone:`
 * heading before it; tasks above the first one belong to the first.
 */
function finish(walk: Walk, tasks: Task[]): Plan {
  const [first = null] = walk.milestones;
  for (const task of tasks) {
    const above = walk.milestones.filter((m) => m.line <= task.line).at(-1) ?? first;
    task.milestone = above?.title ?? null;
  }
  return { milestone: first, milestones: walk.milestones, tasks, diagnostics: walk.diagnostics, fields: walk.fields };
}

/** Returns false when the frontmatter is broken: then the file is reported, not half-read. */
function readFrontmatterNode(root: Root, walk: Walk): boolean {
  const first = root.children[0];
  if (first?.type !== "yaml" || !first.position) return true;
  const block = walk.text.slice(first.position.start.offset, first.position.end.offset);
  const result = readFrontmatter(block, first.position.start.line);
  walk.diagnostics.push(...result.diagnostics);
  if (result.milestone) walk.milestones.push(result.milestone);
  return !result.failed;
}

function visitChildren(node: Nodes, walk: Walk, parent: Task | null): void {
  if (!("children" in node)) return;
  for (const child of node.children) visit(child as Nodes, walk, parent);
}

function visit(node: Nodes, walk: Walk, parent: Task | null): void {
  switch (node.type) {
    case "heading":
      return enterHeading(node, walk);
    case "list":
      return visitList(node, walk, parent);
    case "paragraph":
      if (parent === null) collectDocumentFields(node, walk);
      return;
    case "blockquote":
      return visitChildren(node, walk, parent);
    default:
      // Code, HTML (comments included) and frontmatter never hold tasks.
      return;
  }
}

function enterHeading(heading: Heading, walk: Walk): void {
  const text = inlineText(heading).trim();
  walk.headings = walk.headings.filter((h) => h.depth < heading.depth);
  walk.headings.push({ depth: heading.depth, text });
  readMilestoneHeading(heading, walk);
}

function readMilestoneHeading(heading: Heading, walk: Walk): void {
  const title = milestoneHeadingTitle(heading);
  if (title === null) return;
  const line = heading.position?.start.line ?? 1;
  const placeholder = findPlaceholder(title);
  if (placeholder)
    walk.diagnostics.push(placeholderWarning(`Milestone heading ${JSON.stringify(title)}`, placeholder, line));
  else if (!walk.milestones.some((m) => m.title === title))
    walk.milestones.push({ title, dueOn: null, state: "open", stated: false, line });
}

function collectDocumentFields(paragraph: Paragraph, walk: Walk): void {
  for (const [name, value] of readBoldFields(paragraph)) walk.fields[name] ??= value;
}

function visitList(list: List, walk: Walk, parent: Task | null): void {
  for (const item of list.children) visitItem(item, walk, parent);
}

function visitItem(item: ListItem, walk: Walk, parent: Task | null): void {
  const first = item.children[0];
  const lead = first?.type === "paragraph" ? readLead(first, walk) : null;
  if (lead?.kind === "task") {
    const task = addTask(item, lead.lead, walk, parent);
    visitItemChildren(item, walk, task);
    return;
  }
  if (lead?.kind === "malformed") warnMalformed(item, lead.token, walk);
  else if (parent !== null && first?.type === "paragraph") attachToTask(item, first, parent, walk);
  else if (parent === null && item.checked != null) noteMissingId(item, walk);
  visitItemChildren(item, walk, parent);
}

function readLead(paragraph: Paragraph, walk: Walk) {
  const opener = paragraph.children[0]?.type;
  const decorated = opener === "strong" || opener === "inlineCode" || opener === "emphasis";
  return readTaskLead(firstLineText(paragraph), walk.matcher, decorated);
}

function visitItemChildren(item: ListItem, walk: Walk, parent: Task | null): void {
  for (const child of item.children.slice(1)) visit(child, walk, parent);
}

function addTask(item: ListItem, lead: TaskLead, walk: Walk, parent: Task | null): Task {
  const start = item.position!.start;
  const end = item.position!.end;
  const checkbox = locateCheckbox(walk.text, start.offset!);
  const task: Task = {
    ...lead,
    checked: item.checked ?? null,
    line: start.line,
    column: start.column,
    milestone: null,
    section: walk.headings.map((h) => h.text),
    labels: [...new Set(walk.headings.flatMap((h) => sectionLabels(h.text)))],
    parent: parent?.id ?? null,
    body: sliceBody(walk.text, checkbox.contentOffset, end.offset!),
    checklist: [],
    fields: {},
    checkbox: {
      markOffset: checkbox.markOffset === null ? null : checkbox.markOffset + walk.shift,
      contentOffset: checkbox.contentOffset + walk.shift,
    },
  };
  checkTask(task, walk);
  return task;
}

function checkTask(task: Task, walk: Walk): void {
  const firstLine = walk.seen.get(task.id);
  if (firstLine !== undefined) {
    walk.diagnostics.push({
      severity: "error",
      code: "duplicate-id",
      message: `Task ID ${task.id} is already used on line ${firstLine}; plansync keeps the first and ignores this one. Give this task a new ID.`,
      line: task.line,
      column: task.column,
    });
    return;
  }
  walk.seen.set(task.id, task.line);
  walk.tasks.push(task);
  const placeholder = findPlaceholder(task.title);
  if (placeholder)
    walk.diagnostics.push(placeholderWarning(`Task ${task.id}'s title`, placeholder, task.line, task.column));
  if (task.title === "") walk.diagnostics.push(emptyTitle(task));
}

function emptyTitle(task: Task): Diagnostic {
  return {
    severity: "warning",
    code: "empty-title",
    message: `Task ${task.id} has no title. Write what the task is after the ID.`,
    line: task.line,
    column: task.column,
  };
}

/** A non-task item under a task is part of it: a checklist entry, or a bold field. */
function attachToTask(item: ListItem, paragraph: Paragraph, task: Task, walk: Walk): void {
  if (item.checked != null) {
    const start = item.position!.start;
    const markOffset = locateCheckbox(walk.text, start.offset!).markOffset! + walk.shift;
    task.checklist.push({ text: firstLineText(paragraph).trim(), checked: item.checked, line: start.line, markOffset });
    return;
  }
  const field = fieldFromLine(paragraph.children);
  if (field) task.fields[field[0]] ??= field[1];
}

function warnMalformed(item: ListItem, token: string, walk: Walk): void {
  walk.diagnostics.push({
    severity: "warning",
    code: "malformed-id",
    message: `"${token}" looks like a task ID but is not one, so this item is not tracked. IDs are an uppercase prefix and a number, such as BE-001, BE-DB-1 or T001.`,
    line: item.position!.start.line,
    column: item.position!.start.column,
  });
}

function noteMissingId(item: ListItem, walk: Walk): void {
  walk.diagnostics.push({
    severity: "info",
    code: "no-id",
    message:
      "Checkbox item has no task ID, so plansync does not track it. Start it with an ID such as BE-001 to make it an issue.",
    line: item.position!.start.line,
    column: item.position!.start.column,
  });
}
