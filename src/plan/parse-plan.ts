import type { Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root } from "mdast";
import { fieldFromLine, readBoldFields, splitLines, type Field } from "./bold-fields.js";
import { locateCheckbox, type LocatedCheckbox } from "./checkbox-location.js";
import { markMeaning } from "./checkbox-mark.js";
import { readDependencyLine, readIdList } from "./dependency-notes.js";
import { epicHeading, readEpicRefs } from "./epic-heading.js";
import { finishPlan } from "./finish-plan.js";
import { createIdMatcher } from "./id-matcher.js";
import { inlineText } from "./inline-text.js";
import { itemLeadKey } from "./item-leads.js";
import { maskedText } from "./masked-text.js";
import { mayHaveTrailers } from "./todo-trailers.js";
import { findLimitBreach } from "./input-limits.js";
import { frontmatterLength, parseMarkdown } from "./markdown-parser.js";
import { milestoneHeadingTitle } from "./milestone-heading.js";
import { findPlaceholder } from "./placeholder.js";
import type { Candidate, Walk } from "./plan-walk.js";
import type { Epic, Milestone, Plan, Task } from "./plan-types.js";
import { pushAll } from "./push-all.js";
import { placeholderWarning, readFrontmatter } from "./read-frontmatter.js";
import { priorityLabel, sectionLabels } from "./section-labels.js";
import { shiftPositions } from "./shift-positions.js";
import { sliceBody } from "./slice-body.js";
import { pieceStarts } from "./split-sections.js";
import { readTaskLead, type TaskLead } from "./task-lead.js";
import { isTaskSection } from "./task-sections.js";
import { readTaskFile } from "./task-file.js";
import type { TaskStatusValues } from "./task-file-status.js";
import { failedPlan, unreadablePlan } from "./unreadable-plan.js";

export interface ParseOptions {
  /** Accepted ID prefixes (`BE`, `PAY`); empty or absent accepts any. */
  idPrefixes?: readonly string[];
  /** What a task file's `status:` values mean (config `taskFiles.status`); Backlog.md's by default. */
  taskStatus?: TaskStatusValues;
}

const BOM = "\uFEFF";
/** A box GitHub does not render (`[~]`, `[✓]`, `[ ]*`) stays in the paragraph's text. */
const RAW_BOX = /^\[[^\]\n]{1,2}\]\*?[ \t]*/;
/** Fields that name the tasks a task waits for. */
const DEPENDENCY_FIELDS = /^(dependencies|depends on|blocked by|after|prerequisites)$/i;

/**
 * Markdown in, plan out. Pure: no I/O, and never throws on bad input, which becomes diagnostics.
 * A file past a limit of input-limits.ts is not read at all: it gets one error and no tasks, and
 * the sync then leaves its issues alone (see unreadable-plan.ts).
 */
export function parsePlan(source: string, options: ParseOptions = {}): Plan {
  try {
    const breach = findLimitBreach(source);
    return breach ? unreadablePlan(breach.message, breach.line) : readPlan(source, options);
  } catch (error) {
    // The causes known are fixed; an unknown one must not take the sync down with it.
    return failedPlan(error);
  }
}

function readPlan(source: string, options: ParseOptions): Plan {
  const shift = source.startsWith(BOM) ? 1 : 0;
  const text = shift ? source.slice(1) : source;
  // A file whose frontmatter names a task ID is that one task (Backlog.md), not a list of them.
  const taskFile = readTaskFile(text, shift, options);
  if (taskFile) return taskFile;
  const walk: Walk = {
    text,
    shift,
    matcher: createIdMatcher({ prefixes: options.idPrefixes ?? [] }),
    headings: [],
    epics: [],
    overview: null,
    candidates: [],
    diagnostics: [],
    milestones: [],
    fields: {},
    edges: [],
    unassigned: [],
    title: null,
    insideUnassigned: 0,
    named: new Set(),
    itemLeads: new Map(),
  };
  const placeholderTitles = new Map<Task, string>();
  const front: { project: string | null } = { project: null };
  const starts = pieceStarts(text, frontmatterLength(text));
  for (const [index, start] of starts.entries()) {
    const root = parsePiece(text, start, starts[index + 1] ?? text.length);
    if (index === 0 && !readFrontmatterNode(root, walk, front)) return finishPlan(walk, placeholderTitles);
    walkTree(root, walk, placeholderTitles);
  }
  reportUnassigned(walk);
  const plan = finishPlan(walk, placeholderTitles);
  // Only when the doc names a board: a plan without keeps the shape it always had.
  return front.project === null ? plan : { ...plan, project: front.project };
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

/** Returns false when the frontmatter is broken: then the file is reported, not half-read. */
function readFrontmatterNode(root: Root, walk: Walk, front: { project: string | null }): boolean {
  const first = root.children[0];
  if (first?.type !== "yaml" || !first.position) return true;
  const block = walk.text.slice(first.position.start.offset, first.position.end.offset);
  const result = readFrontmatter(block, first.position.start.line);
  pushAll(walk.diagnostics, result.diagnostics);
  if (result.milestone) addMilestone(walk, result.milestone);
  front.project = result.project;
  return !result.failed;
}

type Titles = Map<Task, string>;

/** A node still to visit, with the task it sits under; or the end of an ID-less task item's children. */
type Step = { node: Nodes; parent: Candidate | null } | typeof LEAVE_UNASSIGNED;
const LEAVE_UNASSIGNED = "leave-unassigned";

/**
 * Visits the tree in document order with a stack of its own, not the call stack: however deep
 * the input nests, the walk cannot overflow.
 */
function walkTree(root: Root, walk: Walk, titles: Titles): void {
  const steps: Step[] = [];
  schedule(steps, root.children, null);
  while (steps.length > 0) {
    const step = steps.pop()!;
    if (step === LEAVE_UNASSIGNED) walk.insideUnassigned--;
    else visit(step.node, walk, step.parent, titles, steps);
  }
}

/** Queues nodes to be visited next, first one on top. */
function schedule(steps: Step[], nodes: readonly Nodes[], parent: Candidate | null): void {
  for (let i = nodes.length - 1; i >= 0; i--) steps.push({ node: nodes[i]!, parent });
}

function visit(node: Nodes, walk: Walk, parent: Candidate | null, titles: Titles, steps: Step[]): void {
  switch (node.type) {
    case "heading":
      return enterHeading(node, walk);
    case "list":
    case "blockquote":
      return schedule(steps, node.children, parent);
    case "listItem":
      return visitItem(node, walk, parent, titles, steps);
    case "paragraph":
      if (parent === null) readDocumentParagraph(node, walk);
      return;
    default:
      // Code, HTML (comments included) and frontmatter never hold tasks.
      return;
  }
}

function enterHeading(heading: Heading, walk: Walk): void {
  const text = inlineText(heading).trim();
  walk.headings = walk.headings.filter((h) => h.depth < heading.depth);
  walk.headings.push({ depth: heading.depth, text, epic: readEpicHeading(heading, text, walk) });
  if (heading.depth === 1) walk.title ??= text;
  readMilestoneHeading(heading, walk);
}

function readEpicHeading(heading: Heading, text: string, walk: Walk): Epic | undefined {
  const found = epicHeading(text, walk.matcher);
  if (!found || walk.named.has(`epic:${found.id}`)) return undefined;
  walk.named.add(`epic:${found.id}`);
  const { line, column } = heading.position!.start;
  const epic: Epic = { ...found, line, column, fields: {}, body: "", dependsOn: [], milestone: null };
  walk.epics.push(epic);
  return epic;
}

const OVERVIEW_HEADING = /^[^A-Za-z]*(overview|purpose|summary)\s*:?$/i;

/** The doc's overview: its first real paragraph under an Overview heading (placeholders are not one). */
function readOverview(paragraph: Paragraph, walk: Walk): void {
  if (walk.overview !== null || !paragraph.position) return;
  if (!walk.headings.some((h) => OVERVIEW_HEADING.test(h.text))) return;
  const source = walk.text.slice(paragraph.position.start.offset, paragraph.position.end.offset);
  if (readBoldFields(paragraph).length > 0 || findPlaceholder(source)) return;
  walk.overview = source;
}

/** The epic whose heading the walk is under, if any. */
function currentEpic(walk: Walk): Epic | null {
  for (let i = walk.headings.length - 1; i >= 0; i--) if (walk.headings[i]!.epic) return walk.headings[i]!.epic!;
  return null;
}

/** A paragraph right under an epic heading describes the epic: its fields and their text. */
function readEpicParagraph(paragraph: Paragraph, walk: Walk): void {
  const epic = walk.headings.at(-1)?.epic;
  if (!epic || !paragraph.position) return;
  const source = walk.text.slice(paragraph.position.start.offset, paragraph.position.end.offset);
  epic.body = epic.body ? `${epic.body}\n\n${source}` : source;
  for (const [name, value] of readBoldFields(paragraph)) {
    epic.fields[name] ??= value;
    if (DEPENDENCY_FIELDS.test(name))
      pushAll(
        epic.dependsOn,
        readEpicRefs(value).filter((id) => id !== epic.id),
      );
  }
}

function readMilestoneHeading(heading: Heading, walk: Walk): void {
  const title = milestoneHeadingTitle(heading);
  if (title === null) return;
  const line = heading.position?.start.line ?? 1;
  const placeholder = findPlaceholder(title);
  if (placeholder)
    walk.diagnostics.push(placeholderWarning(`Milestone heading ${JSON.stringify(title)}`, placeholder, line));
  else addMilestone(walk, { title, dueOn: null, state: "open", stated: false, line });
}

/** Records a milestone the first time its title is named; a set, not a search, per heading. */
function addMilestone(walk: Walk, milestone: Milestone): void {
  if (walk.named.has(`milestone:${milestone.title}`)) return;
  walk.named.add(`milestone:${milestone.title}`);
  walk.milestones.push(milestone);
}

/** Document-level prose: bold fields (`**Engineer:** @a`) and dependency statements. */
function readDocumentParagraph(paragraph: Paragraph, walk: Walk): void {
  readEpicParagraph(paragraph, walk);
  readOverview(paragraph, walk);
  for (const [name, value] of readBoldFields(paragraph)) walk.fields[name] ??= value;
  for (const line of inlineText(paragraph).split("\n")) pushAll(walk.edges, readDependencyLine(line, walk.matcher));
}

/** The first paragraph of an item, read once: its box, its lead line, and where its title ends. */
interface ItemHead {
  box: LocatedCheckbox;
  lines: PhrasingContent[][];
  lead: string;
  /** The lead with code and link text masked (masked-text.ts): where `#tags` may be read. */
  masked: string;
}

function readItemHead(item: ListItem, paragraph: Paragraph, walk: Walk): ItemHead {
  const box = locateCheckbox(walk.text, item.position!.start.offset!);
  const lines = splitLines(paragraph.children);
  const firstLine = (lines[0] ?? []).map((n) => inlineText(n)).join("");
  // GitHub's own boxes are not in the paragraph; the others are still in its text.
  const rawBox = box.markOffset !== null && item.checked == null;
  const lead = rawBox ? firstLine.replace(RAW_BOX, "") : firstLine;
  // Masking costs a second walk of the line: only a line that may have a tail needs it.
  if (!mayHaveTrailers(lead)) return { box, lines, lead, masked: lead };
  const maskedLine = (lines[0] ?? []).map((n) => maskedText(n)).join("");
  return { box, lines, lead, masked: rawBox ? maskedLine.replace(RAW_BOX, "") : maskedLine };
}

function visitItem(item: ListItem, walk: Walk, parent: Candidate | null, titles: Titles, steps: Step[]): void {
  // The first child is the item's own line; a nested list there is not read, as before.
  const rest = item.children.slice(1);
  const first = item.children[0];
  if (first?.type !== "paragraph") return schedule(steps, rest, parent);
  const head = readItemHead(item, first, walk);
  recordLead(head.lead, item, walk);
  const boxed = head.box.markOffset !== null;
  const result = readTaskLead(head.lead, walk.matcher, { decorated: isDecorated(first), boxed, masked: head.masked });
  if (result.kind === "task" && !isStepOf(result.lead, parent))
    return schedule(steps, rest, addCandidate(item, head, result.lead, walk, parent, titles));
  if (result.kind === "malformed") warnMalformed(item, result.token, walk);
  else if (parent !== null) attachToTask(item, head, parent.task, walk);
  else if (boxed && noteUnassigned(item, head, walk)) {
    // Its own sub-items become its checklist once it has an ID, not tasks of their own.
    walk.insideUnassigned++;
    steps.push(LEAVE_UNASSIGNED);
  } else pushAll(walk.edges, readDependencyLine(head.lead, walk.matcher));
  schedule(steps, rest, parent);
}

function recordLead(lead: string, item: ListItem, walk: Walk): void {
  const key = itemLeadKey(lead);
  if (key !== null && !walk.itemLeads.has(key)) walk.itemLeads.set(key, item.position!.start.line);
}

/**
 * A numbered item (`1.`) nested under a letter-led task is a step of that task's checklist, not a
 * task: `T001` › `1. Write the parser`. Under a numbered task (Kiro's `2.` › `2.1`) it is a task.
 */
function isStepOf(lead: TaskLead, parent: Candidate | null): boolean {
  return parent !== null && isNumberLed(lead.id) && !isNumberLed(parent.task.id);
}

function isNumberLed(id: string): boolean {
  return id[0]! >= "0" && id[0]! <= "9";
}

/** Bold or code at the start (after a raw box's text): an ID-shaped token there deserves a warning. */
function isDecorated(paragraph: Paragraph): boolean {
  const [a, b] = paragraph.children;
  const decorated = (n: PhrasingContent | undefined) =>
    n?.type === "strong" || n?.type === "inlineCode" || n?.type === "emphasis";
  return (
    decorated(a) || (a?.type === "text" && RAW_BOX.test(a.value) && a.value.replace(RAW_BOX, "") === "" && decorated(b))
  );
}

function addCandidate(
  item: ListItem,
  head: ItemHead,
  lead: TaskLead,
  walk: Walk,
  nestedIn: Candidate | null,
  titles: Titles,
): Candidate {
  const start = item.position!.start;
  const { box } = head;
  // Without a box, a status emoji before the ID says the state (`- ✅ T1: Title`).
  const meaning = box.mark === null ? lead.emojiStatus : markMeaning(box.mark);
  const continuation = titleContinuation(head.lines);
  const task: Task = {
    id: lead.id,
    title: [
      lead.title,
      ...continuation.map((l) =>
        l
          .map((n) => inlineText(n))
          .join("")
          .trim(),
      ),
    ]
      .join(" ")
      .trim(),
    points: lead.points,
    markers: lead.markers,
    checked: meaning === null ? null : meaning === "done",
    inProgress: meaning === "in-progress",
    optional: box.optional,
    line: start.line,
    column: start.column,
    milestone: null,
    section: walk.headings.map((h) => h.text),
    labels: [
      ...new Set([
        ...walk.headings.flatMap((h) => sectionLabels(h.text)),
        ...(lead.priority !== null ? [priorityLabel(lead.priority)] : []),
        ...(box.optional ? ["optional"] : []),
      ]),
    ],
    parent: null,
    body: withTrailer(
      lead.trailer,
      sliceBody(walk.text, box.contentOffset, item.position!.end.offset!, 1 + continuation.length),
    ),
    checklist: [],
    fields: { ...lead.trailerFields },
    checkbox: {
      markOffset: box.markOffset === null ? null : box.markOffset + walk.shift,
      mark: box.mark,
      contentOffset: box.contentOffset + walk.shift,
    },
    dependsOn: [],
    epic: currentEpic(walk)?.id ?? null,
    // Only when the line has them: a task without stays the shape it always was.
    ...(lead.tags.length > 0 ? { tags: lead.tags } : {}),
    ...(lead.estimate !== null ? { estimate: lead.estimate } : {}),
  };
  const candidate: Candidate = {
    task,
    boxed: box.markOffset !== null,
    outline: lead.outline,
    nestedIn,
    needsConvention: lead.needsConvention,
  };
  walk.candidates.push(candidate);
  titles.set(task, placeholderText(head.lines[0] ?? [], continuation));
  for (const line of head.lines.slice(1 + continuation.length)) {
    const field = fieldFromLine(line);
    if (field) recordField(task, field, walk);
  }
  pushAll(walk.edges, readDependencyLine(head.lead, walk.matcher, task.id));
  return candidate;
}

/** A TODO.md line's tail (`→ [PLANS.md#x] (ai:2h) logged:…`) leaves the title but stays in the body. */
function withTrailer(trailer: string, body: string): string {
  if (trailer === "") return body;
  return body === "" ? trailer : `${trailer}\n\n${body}`;
}

/**
 * The first paragraph's lines after the lead that carry on the title (a wrapped title), up to
 * the first field line (`**Dependencies:** …`, `_Requirements: …_`); those stay in the body.
 */
function titleContinuation(lines: readonly PhrasingContent[][]): PhrasingContent[][] {
  const rest: PhrasingContent[][] = [];
  for (const line of lines.slice(1)) {
    if (fieldFromLine(line) !== null) break;
    rest.push(line);
  }
  return rest;
}

function placeholderText(first: readonly PhrasingContent[], continuation: readonly PhrasingContent[][]): string {
  return [first, ...continuation].map((line) => line.map((n) => inlineText(n, false)).join("")).join(" ");
}

/** A non-task item under a task is part of it: a checklist entry, a field, or a dependency note. */
function attachToTask(item: ListItem, head: ItemHead, task: Task, walk: Walk): void {
  const { box } = head;
  const meaning = box.mark === null ? null : markMeaning(box.mark);
  if (box.markOffset !== null && meaning !== null) {
    const line = item.position!.start.line;
    task.checklist.push({
      text: head.lead.trim(),
      checked: meaning === "done",
      line,
      markOffset: box.markOffset + walk.shift,
      mark: box.mark!,
    });
    return;
  }
  const field = fieldFromLine(head.lines[0] ?? []);
  if (field) recordField(task, field, walk);
  else pushAll(walk.edges, readDependencyLine(head.lead, walk.matcher, task.id));
}

function recordField(task: Task, [name, value]: Field, walk: Walk): void {
  task.fields[name] ??= value;
  if (DEPENDENCY_FIELDS.test(name))
    for (const on of readIdList(value, walk.matcher)) walk.edges.push({ task: task.id, on });
}

function noteUnassigned(item: ListItem, head: ItemHead, walk: Walk): boolean {
  if (walk.insideUnassigned > 0 || !isTaskSection(walk.headings.map((h) => h.text))) return false;
  const start = item.position!.start;
  walk.unassigned.push({
    line: start.line,
    column: start.column,
    insertOffset: head.box.textOffset + walk.shift,
    text: head.lead.trim(),
  });
  return true;
}

/** One line per file, not one per item: a template's `## Tasks` list would otherwise drown the report. */
function reportUnassigned(walk: Walk): void {
  const [first] = walk.unassigned;
  if (!first) return;
  const count = walk.unassigned.length;
  walk.diagnostics.push({
    severity: "info",
    code: "no-id",
    message: `${count} checkbox item${count === 1 ? "" : "s"} in task sections ${count === 1 ? "has" : "have"} no task ID, so plansync does not track ${count === 1 ? "it" : "them"}. Run \`plansync ids <file>\` to number them, or set \`ids.assign: true\` in .github/plansync.yml.`,
    line: first.line,
    column: first.column,
  });
}

function warnMalformed(item: ListItem, token: string, walk: Walk): void {
  walk.diagnostics.push({
    severity: "warning",
    code: "malformed-id",
    message: `"${token}" looks like a task ID but is not one, so this item is not tracked. An ID is letters and digits joined by -, . or _ with at least one digit, such as BE-001, BE-DB-1, T001, T046a or US-1.1.`,
    line: item.position!.start.line,
    column: item.position!.start.column,
  });
}
