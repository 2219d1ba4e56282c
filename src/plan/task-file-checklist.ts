import type { Nodes, Root } from "mdast";
import { splitLines } from "./bold-fields.js";
import { locateCheckbox } from "./checkbox-location.js";
import { markMeaning } from "./checkbox-mark.js";
import { inlineText } from "./inline-text.js";
import type { ChecklistItem } from "./plan-types.js";

/** A box GitHub does not render (`[~]`, `[✓]`) stays in the paragraph's text. */
const RAW_BOX = /^\[[^\]\n]{1,2}\]\*?[ \t]*/;

/**
 * Every checkbox item of a task file, in document order and at any depth: Backlog.md's
 * acceptance criteria (`- [ ] #1 Users can log in`) and any other checklist the file keeps. In a
 * task file they are the task's checklist, never tasks of their own. The walk keeps its own
 * stack, so nesting cannot overflow the call stack.
 */
export function readChecklist(root: Root, text: string, shift: number): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const stack: Nodes[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "listItem") {
      const item = checklistItem(node, text, shift);
      if (item) items.push(item);
    }
    if ("children" in node && node.type !== "paragraph" && node.type !== "heading")
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return items;
}

function checklistItem(node: Extract<Nodes, { type: "listItem" }>, text: string, shift: number): ChecklistItem | null {
  const box = locateCheckbox(text, node.position!.start.offset!);
  const first = node.children[0];
  if (box.markOffset === null || box.mark === null || markMeaning(box.mark) === null) return null;
  const lines = first?.type === "paragraph" ? splitLines(first.children) : [];
  const lead = (lines[0] ?? []).map((n) => inlineText(n)).join("");
  // GitHub's own boxes are not in the paragraph's text; the others still are.
  const title = node.checked == null ? lead.replace(RAW_BOX, "") : lead;
  return {
    text: title.trim(),
    checked: markMeaning(box.mark) === "done",
    line: node.position!.start.line,
    markOffset: box.markOffset + shift,
    mark: box.mark,
  };
}
