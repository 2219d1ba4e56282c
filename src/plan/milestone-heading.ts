import type { Heading } from "mdast";
import { inlineText } from "./inline-text.js";

const PREFIX = /^\s*milestone\s*:\s*/i;

/**
 * The title of a milestone heading such as ``# Milestone: `Backend: billing - M2.3 - PDF` ``:
 * the inline code when there is one, otherwise the text after `Milestone:`.
 */
export function milestoneHeadingTitle(heading: Heading): string | null {
  const text = inlineText(heading);
  if (!PREFIX.test(text)) return null;
  const code = heading.children.find((child) => child.type === "inlineCode");
  const title = code ? code.value : text.replace(PREFIX, "");
  return title.trim() === "" ? null : title.trim();
}
