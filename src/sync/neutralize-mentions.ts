import type { Nodes } from "mdast";
import { parseMarkdown } from "../plan/markdown-parser.js";

/**
 * The one place that keeps doc text from pinging anyone. A zero-width space after the `@` of
 * `@user` or `@org/team` stops GitHub from linking it and reads the same. GitHub links a mention
 * when the `@` does not follow a letter or digit (so `_@alice_` and `` `x`@alice `` ping, and
 * `bob@example.com` does not), outside code.
 *
 * Neutralising twice changes nothing, so the core can neutralise what it compares and the write
 * policy can neutralise every request again without the two disagreeing.
 */
const ZWSP = "\u200B";
const MENTION = /(^|[^A-Za-z0-9])@(?=[A-Za-z0-9])/g;

/** Plain text (titles, milestone names, commit messages): every would-be mention. */
export function neutralizeText(text: string): string {
  return text.includes("@") ? text.replace(MENTION, `$1@${ZWSP}`) : text;
}

/**
 * Markdown (issue bodies, comments, check-run text): mentions in the parsed text, link text
 * included, leaving code spans, code blocks, URLs and HTML comments (the marker) as they are.
 */
export function neutralizeMarkdown(markdown: string): string {
  if (!markdown.includes("@")) return markdown;
  const offsets: number[] = [];
  visit(parseMarkdown(markdown), (start, end) => collectMentions(markdown, start, end, offsets), markdown);
  let out = markdown;
  for (const at of offsets.sort((a, b) => b - a)) out = `${out.slice(0, at + 1)}${ZWSP}${out.slice(at + 1)}`;
  return out;
}

/** Calls `found` with the source range of every node whose text GitHub scans for mentions. */
function visit(node: Nodes, found: (start: number, end: number) => void, source: string): void {
  if (node.type === "code" || node.type === "inlineCode" || node.type === "yaml") return;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  if (node.type === "text") return found(start, end);
  if (node.type === "html") return node.value.startsWith("<!--") ? undefined : found(start, end);
  // A bare URL's text is the URL itself (changing it would break it), and a definition is a target.
  if (node.type === "definition" || (node.type === "link" && !isBracketed(node, source))) return;
  if ("children" in node) for (const child of node.children) visit(child as Nodes, found, source);
}

/** `[text](url)` rather than an autolink such as `https://…` or `<https://…>`. */
function isBracketed(node: Nodes, source: string): boolean {
  return source[node.position?.start.offset ?? -1] === "[";
}

function collectMentions(source: string, start: number, end: number, offsets: number[]): void {
  for (let at = source.indexOf("@", start); at !== -1 && at < end; at = source.indexOf("@", at + 1)) {
    const before = at === 0 ? "" : source[at - 1]!;
    const after = source[at + 1] ?? "";
    if (!/[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after)) offsets.push(at);
  }
}
