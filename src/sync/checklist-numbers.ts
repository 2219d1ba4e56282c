import type { Nodes } from "mdast";
import { parseMarkdown } from "../plan/markdown-parser.js";

const ZWSP = "\u200B";
/** A checkbox line whose text opens with `#<digits>` and a space: a cheap look before the parse. */
const MAY_NUMBER = /\][ \t]+#\d/;
/** `#12 ` then text: a number heading an item, as Backlog.md numbers its acceptance criteria. */
const NUMBER = /^#\d{1,9}[ \t]+\S/;
/** A box GitHub does not render (`[~]`) stays in the item's text, ahead of the number. */
const RAW_BOX = /^\[[^\]\n]{1,2}\][ \t]*/;

/**
 * Checklist items numbered `- [ ] #1 CSV has a header row` (Backlog.md's acceptance criteria) get
 * a zero-width space after the `#`: GitHub would link `#1` to issue #1 and record a cross-reference
 * on it from every such issue. It reads the same, and issue-checklist.ts drops the space again, so
 * the item's text still matches the doc's. A bare `- [ ] #12` is GitHub's way of tracking issue
 * #12 and stays a reference. Applying it twice changes nothing: `#\u200B1` is no number.
 */
export function neutralizeChecklistNumbers(markdown: string): string {
  if (!MAY_NUMBER.test(markdown)) return markdown;
  let root: Nodes;
  try {
    root = parseMarkdown(markdown);
  } catch {
    // Nested past the parser's stack: such a body is cut and unreadable as a checklist anyway.
    return markdown;
  }
  const offsets = numberOffsets(root, markdown);
  let result = markdown;
  for (const at of offsets.reverse()) result = `${result.slice(0, at)}${ZWSP}${result.slice(at)}`;
  return result;
}

/** Offsets just after the `#` of each numbered checklist item, in document order. Iterative. */
function numberOffsets(root: Nodes, source: string): number[] {
  const offsets: number[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "listItem") {
      const at = numberAt(node, source);
      if (at !== null) offsets.push(at);
    }
    if ("children" in node && node.type !== "paragraph" && node.type !== "heading")
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return offsets.sort((a, b) => a - b);
}

function numberAt(item: Extract<Nodes, { type: "listItem" }>, source: string): number | null {
  const paragraph = item.children[0];
  const first = paragraph?.type === "paragraph" ? paragraph.children[0] : undefined;
  if (first?.type !== "text" || first.position?.start.offset === undefined) return null;
  let text = first.value;
  let at = first.position.start.offset;
  if (item.checked == null) {
    const box = RAW_BOX.exec(text);
    if (box === null) return null;
    text = text.slice(box[0].length);
    at += box[0].length;
  }
  // The text node starts where its source does only when nothing was unescaped before the `#`.
  return NUMBER.test(text) && source[at] === "#" ? at + 1 : null;
}
