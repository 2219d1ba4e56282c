import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

/** Frozen once per process: building a processor per call costs more than a small doc takes to parse. */
const plain = unified().use(remarkParse).use(remarkGfm).freeze();
const withFrontmatter = plain().use(remarkFrontmatter, ["yaml"]).freeze();

const OPENING_FENCE = /^---[ \t]*\r?\n/;
const CLOSING_FENCE = /\n---[ \t]*(?:\r?\n|$)/;

/**
 * Markdown to mdast, GitHub-flavoured, with YAML frontmatter as a `yaml` node. The frontmatter
 * extension is only used when the file opens with a closed `---` block: given an unclosed one,
 * it turns the list that follows the rule into a paragraph.
 */
export function parseMarkdown(text: string): Root {
  return frontmatterLength(text) > 0 ? withFrontmatter.parse(text) : plain.parse(text);
}

/** Length of the closed frontmatter block the text opens with, or 0. */
export function frontmatterLength(text: string): number {
  const opening = OPENING_FENCE.exec(text);
  if (opening === null) return 0;
  const from = opening[0].length - 1;
  const closing = CLOSING_FENCE.exec(text.slice(from));
  return closing === null ? 0 : from + closing.index + closing[0].length;
}
