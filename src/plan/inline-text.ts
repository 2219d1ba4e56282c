import type { Nodes } from "mdast";

/**
 * Plain text of a node the way a reader sees it: emphasis, strong and code markers are
 * dropped, link text is kept, raw HTML (comments included) is skipped.
 */
export function inlineText(node: Nodes, withCode = true): string {
  switch (node.type) {
    case "text":
      return node.value;
    case "inlineCode":
      // Without code: placeholder checks must not flag `{{ if $.query }}` written as code.
      return withCode ? node.value : "";
    case "break":
      return "\n";
    case "image":
      return node.alt ?? "";
    case "html":
    case "footnoteReference":
      return "";
    default:
      return "children" in node ? node.children.map((child) => inlineText(child as Nodes, withCode)).join("") : "";
  }
}

/** The first line of a node's plain text. */
export function firstLineText(node: Nodes): string {
  const text = inlineText(node);
  const newline = text.indexOf("\n");
  return newline === -1 ? text : text.slice(0, newline);
}
