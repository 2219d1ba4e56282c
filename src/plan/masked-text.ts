import type { Nodes } from "mdast";
import { inlineText } from "./inline-text.js";

/** What stands in for a character of code or link text; whitespace stays whitespace. */
export const MASK = "\uE000";

/**
 * The plain text of `inlineText`, character for character, with the text of code spans and links
 * masked: a `#tag` or `~4h` read from it was written as prose, not inside `code` or a link.
 */
export function maskedText(node: Nodes): string {
  if (node.type === "inlineCode" || node.type === "link" || node.type === "linkReference")
    return mask(inlineText(node));
  if (!("children" in node)) return inlineText(node);
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === "inlineCode" || current.type === "link" || current.type === "linkReference")
      parts.push(mask(inlineText(current)));
    else if ("children" in current)
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
    else parts.push(inlineText(current));
  }
  return parts.join("");
}

function mask(text: string): string {
  return text.replace(/\S/gu, (c) => MASK.repeat(c.length));
}
