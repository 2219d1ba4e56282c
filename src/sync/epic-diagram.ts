import type { LocatedTask } from "./collect-tasks.js";
import { neutralizeText } from "./neutralize-mentions.js";
import { MAX_BLOCKED_BY } from "./reconcile-dependencies.js";
import { taskKey, type Scoper } from "./task-scope.js";
import type { Task } from "../plan/index.js";

/** One box of an epic's picture: a story of the epic, or a blocker outside it. */
export interface GraphNode {
  /** The task's ID as the doc writes it (`BE-201`). */
  id: string;
  key: string;
  /** The story's title; empty for a blocker outside the epic, which shows its ID only. */
  title: string;
  /**
   * A story's state; null for a blocker outside the epic, whose state the picture never shows:
   * it may live in a file this sync did not read, and the picture must not depend on which were.
   */
  done: boolean | null;
  outside: boolean;
  /** The story's line in the epic's file; null for an outside blocker. */
  line: number | null;
}

/** An epic's stories in doc order, then the outside blockers, and edges blocker → blocked (node indexes). */
export interface EpicGraph {
  nodes: GraphNode[];
  edges: Array<[from: number, to: number]>;
  /** How many of the nodes are the epic's stories (they come first). */
  stories: number;
}

export interface GraphContext {
  scoper: Scoper;
  /** Every task the docs read, by key. */
  tasks: ReadonlyMap<string, LocatedTask>;
  /** True when a task of this key exists in a plan file this sync did not read (it has an issue). */
  elsewhere: (key: string) => boolean;
}

/**
 * The epic's dependency graph. A story's `dependsOn` is resolved as reconcile-dependencies.ts
 * resolves it (the ID in the scope the story's file gives it); an ID that names no task, or the
 * story itself, draws nothing (the dependency check warns about it).
 */
export function epicGraph(epic: LocatedTask, context: GraphContext): EpicGraph {
  const path = epic.file.path;
  const stories = epicStories(epic);
  const nodes: GraphNode[] = stories.map((t) => ({
    id: t.id,
    key: taskKey(t.id, context.scoper(path, t.id)),
    title: t.title,
    done: t.checked === true,
    outside: false,
    line: t.line,
  }));
  const index = new Map(nodes.map((n, i) => [n.key, i]));
  const edges: EpicGraph["edges"] = [];
  const drawn = new Set<string>();
  stories.forEach((story, to) => {
    // GitHub links 50 blockers at most (reconcile-dependencies.ts); the picture shows those.
    for (const id of story.dependsOn.slice(0, MAX_BLOCKED_BY)) {
      const key = taskKey(id, context.scoper(path, id));
      const from = index.get(key) ?? outsideNode(id, key, context, nodes, index);
      if (from === undefined || from === to || drawn.has(`${from}>${to}`)) continue;
      drawn.add(`${from}>${to}`);
      edges.push([from, to]);
    }
  });
  return { nodes, edges, stories: stories.length };
}

/**
 * The epic's own stories in doc order: the tasks under its heading, less the sub-tasks nested
 * under one of them (those are their story's sub-issues, not the epic's).
 */
export function epicStories(epic: LocatedTask): Task[] {
  const under = epic.file.plan.tasks.filter((t) => t.epic === epic.task.id);
  const ids = new Set(under.map((t) => t.id));
  return under.filter((t) => t.parent === null || !ids.has(t.parent));
}

function outsideNode(
  id: string,
  key: string,
  context: GraphContext,
  nodes: GraphNode[],
  index: Map<string, number>,
): number | undefined {
  if (!context.tasks.has(key) && !context.elsewhere(key)) return undefined;
  nodes.push({ id, key, title: "", done: null, outside: true, line: null });
  index.set(key, nodes.length - 1);
  return nodes.length - 1;
}

/** Where a node's click goes: its issue when it has one, else (a story) its line in the doc. */
export type NodeLink = (node: GraphNode) => string | null;

/** The picture as it goes into the body, and the part of it the content hash covers. */
export interface EpicDiagram {
  text: string;
  /**
   * The picture without its links (issue numbers and the synced commit are no change of the
   * epic), and the ticks of any stories left out of it: every tick of a story changes it.
   */
  key: string;
  /** The stories' ticks in doc order, one `x` or space each: the epic's marker records them (epic-state.ts). */
  ticks: string;
}

/**
 * The most characters a picture takes: well inside GitHub's issue body limit (the epic's own text
 * and the footer share it) and inside Mermaid's own cap on a diagram's text (50,000).
 */
export const DIAGRAM_BUDGET = 24_000;
/** Mermaid refuses to draw more than 500 edges. */
const MAX_EDGES = 400;
const TITLE_LENGTH = 60;

/**
 * The epic's stories as a Mermaid flowchart. The content hash takes `key` (links left out), so an
 * epic is rewritten when its graph or a state in it changes, never because its stories got
 * issue numbers: links are whatever is known when the body is written. An epic with one story
 * and no edges is still drawn, for its stories' states. A graph too big for the budget shows
 * its first stories, with a note saying how many are left out.
 */
export function epicDiagram(graph: EpicGraph, link: NodeLink): EpicDiagram {
  const shown = largestFitting(graph);
  const ticks = graph.nodes
    .slice(0, graph.stories)
    .map((n) => (n.done ? "x" : " "))
    .join("");
  const left = shown < graph.stories ? `\n${ticks.slice(shown)}` : "";
  return { text: renderDiagram(graph, shown, link), key: `${renderDiagram(graph, shown, () => null)}${left}`, ticks };
}

/** The most stories, in doc order, whose picture (with links) fits the budget. */
function largestFitting(graph: EpicGraph): number {
  const fits = (n: number) => {
    const sub = subGraph(graph, n);
    return sub.edges.length <= MAX_EDGES && renderDiagram(graph, n, longestLink).length <= DIAGRAM_BUDGET;
  };
  if (fits(graph.stories)) return graph.stories;
  let low = 0;
  let high = graph.stories;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** A link as long as any plansync makes, so that the size check holds whatever links are known. */
const longestLink: NodeLink = () => "x".repeat(MAX_URL);
/** A longer link (a very deep path) is left off rather than let the picture outgrow its budget. */
const MAX_URL = 600;

/** The first `n` stories, the outside blockers they name, and the edges among those. */
function subGraph(graph: EpicGraph, n: number): { nodes: number[]; edges: EpicGraph["edges"] } {
  const edges = graph.edges.filter(([, t]) => t < n);
  const named = new Set(edges.map(([f]) => f));
  const nodes = graph.nodes.map((_, i) => i).filter((i) => i < n || named.has(i));
  return { nodes, edges };
}

function renderDiagram(graph: EpicGraph, n: number, link: NodeLink): string {
  const { nodes, edges } = subGraph(graph, n);
  const name = (i: number) => (graph.nodes[i]!.outside ? `o${i - graph.stories + 1}` : `t${i + 1}`);
  const lines = ["```mermaid", "flowchart LR"];
  for (const i of nodes) lines.push(`  ${nodeLine(name(i), graph.nodes[i]!)}`);
  for (const [from, to] of edges) lines.push(`  ${name(from)} --> ${name(to)}`);
  lines.push(
    "  classDef done fill:#dafbe1,stroke:#1a7f37",
    "  classDef open fill:#ffffff,stroke:#57606a",
    "  classDef outside fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3",
  );
  for (const cls of ["done", "open", "outside"] as const) {
    const members = nodes.filter((i) => classOf(graph.nodes[i]!) === cls).map(name);
    if (members.length) lines.push(`  class ${members.join(",")} ${cls}`);
  }
  for (const i of nodes) {
    const url = link(graph.nodes[i]!);
    const safe = url === null ? "" : safeUrl(url);
    if (safe && safe.length <= MAX_URL) lines.push(`  click ${name(i)} "${safe}"`);
  }
  lines.push("```");
  const left = graph.stories - n;
  const note =
    left > 0
      ? [`_${left} more ${left === 1 ? "story is" : "stories are"} left out of this picture; the doc has them all._`]
      : [];
  return ["#### Stories", "", ...lines, ...note].join("\n");
}

function classOf(node: GraphNode): "done" | "open" | "outside" {
  return node.outside ? "outside" : node.done ? "done" : "open";
}

/** `t1["✓ BE-201: API Foundation"]`; an outside blocker is a rounded box with its ID and no state. */
function nodeLine(name: string, node: GraphNode): string {
  // The separator's `:` is followed by a space, which no Mermaid pre-pass takes (escapeLabel).
  const text = node.outside
    ? escapeLabel(node.id)
    : `${escapeLabel(node.id)}: ${escapeLabel(short(node.title || node.id))}`;
  const label = `${node.done === true ? "✓ " : ""}${text}`;
  return node.outside ? `${name}(["${label}"])` : `${name}["${label}"]`;
}

function short(title: string): string {
  const chars = [...title.replace(/\s+/g, " ").trim()];
  return chars.length <= TITLE_LENGTH ? chars.join("") : `${chars.slice(0, TITLE_LENGTH - 1).join("")}…`;
}

/** Characters a label shows as they are; any other is written as Mermaid's `#<code>;`. */
const PLAIN = /[\p{L}\p{N}\p{M} .,_+/'!?()-]/u;

/**
 * Doc text as a quoted Mermaid label: no quote, bracket, `#`, backtick, `<` or `;` survives as
 * itself, so nothing can end the label, the node or the code fence, or become HTML. Nor does `:`:
 * before parsing, Mermaid drops the last `;` of any line matching `/style.*:\S*#.*;/` (or the same
 * with `classDef`), which a title saying `style:` before an escaped character would be, and the
 * entity it ended would show as text. Mentions are neutralised first, though a rendered diagram
 * notifies no one.
 */
export function escapeLabel(text: string): string {
  let out = "";
  for (const char of neutralizeText(text)) out += PLAIN.test(char) ? char : `#${char.codePointAt(0)};`;
  return out;
}

/** A URL that cannot end its quotes or the fence: anything unusual percent-encoded. */
function safeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&()*+,;=%]/g, (c) => encodeURIComponent(c));
}

/** What the picture of an epic needs from a sync: the docs read, the issues found, the commit synced. */
export interface PictureContext extends GraphContext {
  owners: ReadonlyMap<string, { number: number }>;
  htmlUrl: string;
  sha: string;
}

/**
 * The epic's picture as the sync writes it: a node with an issue links the issue; a story whose
 * issue this sync has yet to create (after the epic, so its number is unknown) links its line.
 */
export function epicPicture(epic: LocatedTask, context: PictureContext): EpicDiagram {
  const path = epic.file.path.split("/").map(encodeURIComponent).join("/");
  return epicDiagram(epicGraph(epic, context), (node) => {
    const issue = context.owners.get(node.key);
    if (issue) return `${context.htmlUrl}/issues/${issue.number}`;
    return node.line === null ? null : `${context.htmlUrl}/blob/${context.sha}/${path}#L${node.line}`;
  });
}
