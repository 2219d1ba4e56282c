import type { Paragraph, PhrasingContent } from "mdast";
import { inlineText } from "./inline-text.js";

export type Field = [name: string, value: string];

/**
 * Reads `**Name:** value` lines from a paragraph. Several may share one paragraph, separated by
 * hard or soft breaks, as in the task-list header (`**Sprint:** 14  \n**Engineer:** @a`).
 */
export function readBoldFields(paragraph: Paragraph): Field[] {
  return splitLines(paragraph.children)
    .map(fieldFromLine)
    .filter((field): field is Field => field !== null);
}

/** Kiro's `_Requirements: 1.1, 2.5_` and `_Leverage: src/db/pool.ts_`: a whole field in italics. */
const ITALIC_FIELD = /^([A-Z][A-Za-z ]{0,40}):\s*([^]*)$/;

/**
 * A line names a field when it opens with bold text ending in a colon, or followed by one
 * (`**Design**: x`), or is one italic `_Name: value_`.
 */
export function fieldFromLine(nodes: readonly PhrasingContent[]): Field | null {
  const [first, ...rest] = nodes;
  if (first?.type === "emphasis" && rest.every((n) => n.type === "text" && n.value.trim() === "")) {
    const italic = ITALIC_FIELD.exec(inlineText(first).trim());
    return italic ? [italic[1]!.trim(), italic[2]!.trim()] : null;
  }
  if (first?.type !== "strong") return null;
  const label = inlineText(first).trim();
  const value = rest.map((n) => inlineText(n)).join("");
  if (label.endsWith(":")) return [label.slice(0, -1).trim(), value.trim()];
  if (value.startsWith(":")) return [label, value.slice(1).trim()];
  return null;
}

/** A paragraph's phrasing content cut at its line ends, soft or hard. */
export function splitLines(nodes: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  const current = () => lines[lines.length - 1]!;
  for (const node of nodes) {
    if (node.type === "break") lines.push([]);
    else if (node.type === "text" && node.value.includes("\n")) {
      node.value.split("\n").forEach((part, index) => {
        if (index > 0) lines.push([]);
        if (part !== "") current().push({ type: "text", value: part });
      });
    } else current().push(node);
  }
  return lines;
}
