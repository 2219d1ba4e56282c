import {
  isAlias,
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  Scalar,
  type Document,
  type Node,
  type Pair,
} from "yaml";
import { frontmatterData } from "./read-frontmatter.js";

/**
 * How a top-level value is written. A plain or quoted scalar is rewritten in its own style; a
 * block scalar or an alias is replaced by a single plain value; a list or map is never rewritten.
 */
export type ValueStyle = "plain" | "single" | "double" | "block" | "alias" | "collection";

/** Where a top-level key's value is in the source, as the YAML parser located it. */
export interface FrontmatterValue {
  /** 1-based line of the key. */
  line: number;
  /** Offset of the value node's first character (its opening quote, `>` or `*`). */
  start: number;
  /** Offset just after the node: before a comment after it and before its last line break. */
  end: number;
  style: ValueStyle;
}

/** A frontmatter block read once: its data and, for each top-level key, where its value is. */
export interface TaskFrontmatter {
  data: Record<string, unknown>;
  values: ReadonlyMap<string, FrontmatterValue>;
  /**
   * Why the block is not strict YAML 1.2, when only a lenient reader (gray-matter's, which
   * Backlog.md uses) reads it: its data is then that reader's, and a key's value is located
   * only where exactly one node of the strict parse's recovery reads as that same value.
   */
  notStrict: { message: string; line: number } | null;
}

/**
 * Reads the YAML of the frontmatter block `text[0, end)` (fences included) with the `yaml`
 * package, whose nodes carry their own source ranges: values are read and located by the same
 * parse, so a quote in a comment, an anchor or a quoted key cannot make the two disagree. Null
 * when the block is no YAML mapping or no reader accepts it (the doc reader reports that).
 */
export function readTaskFrontmatter(text: string, end: number): TaskFrontmatter | null {
  const from = text.indexOf("\n") + 1;
  const to = text.lastIndexOf("\n---", end - 1) + 1;
  if (from <= 0 || to < from) return null;
  const lines = new LineCounter();
  const doc = parseDocument(text.slice(from, to), { lineCounter: lines, prettyErrors: false });
  if (!isMap(doc.contents)) return null;
  const strict = doc.errors.length === 0 ? toJS(doc) : null;
  const data = strict ?? frontmatterData(text.slice(0, end));
  if (data === null) return null;
  const values = new Map<string, FrontmatterValue>();
  for (const [key, nodes] of valueNodes(doc.contents.items)) {
    // Strict: a key is unique. Lenient: only a node that reads as the lenient reader's value.
    const agreeing = strict ? nodes : nodes.filter(({ node }) => sameValue(doc, node, data[key]));
    if (agreeing.length === 1) values.set(key, locate(text, from, lines, agreeing[0]!));
  }
  const error = doc.errors[0];
  const notStrict = error
    ? { message: error.message.split("\n")[0]!, line: lines.linePos(error.pos[0]).line + 1 }
    : null;
  return { data, values, notStrict };
}

interface ValueNode {
  node: Node;
  keyStart: number;
}

/** Each top-level key's value nodes (one, unless the strict parse found the key twice). */
function valueNodes(pairs: readonly Pair[]): Map<string, ValueNode[]> {
  const nodes = new Map<string, ValueNode[]>();
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? pair.key.value : null;
    const node = pair.value as Node | null;
    if (typeof key !== "string" || !node?.range) continue;
    const list = nodes.get(key) ?? [];
    list.push({ node, keyStart: (pair.key as Node).range?.[0] ?? node.range[0] });
    nodes.set(key, list);
  }
  return nodes;
}

/** A value node's place in the whole text; the block starts at `from`. */
function locate(text: string, from: number, lines: LineCounter, { node, keyStart }: ValueNode): FrontmatterValue {
  const [start, end] = node.range!;
  return {
    // `linePos` counts from the block's first line (1-based); the fence line comes before it.
    line: lines.linePos(keyStart).line + 1,
    start: from + start,
    end: trimLineBreaks(text, from + start, from + end),
    style: styleOf(node),
  };
}

/** The block as data; an unresolved alias or an alias bomb throws, and such a block is not read. */
function toJS(doc: Document): Record<string, unknown> | null {
  try {
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function sameValue(doc: Document, node: Node, value: unknown): boolean {
  try {
    return JSON.stringify(node.toJS(doc, { maxAliasCount: 100 })) === JSON.stringify(value);
  } catch {
    return false;
  }
}

function styleOf(node: Node): ValueStyle {
  if (isAlias(node)) return "alias";
  if (!isScalar(node)) return "collection";
  if (node.type === Scalar.QUOTE_SINGLE) return "single";
  if (node.type === Scalar.QUOTE_DOUBLE) return "double";
  return node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL ? "block" : "plain";
}

/** A block scalar's range takes in its last line break, which belongs to the lines around it. */
function trimLineBreaks(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
  return end;
}
