import type { Nodes } from "mdast";

/**
 * Plain text of a node the way a reader sees it: emphasis, strong and code markers are
 * dropped, link text is kept, raw HTML (comments included) is skipped. Walks with a stack of
 * its own: emphasis can nest as deep as the input has markers.
 */
export function inlineText(node: Nodes, withCode = true): string {
  const own = ownText(node, withCode);
  if (own !== null) return own;
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const text = ownText(current, withCode);
    if (text !== null) parts.push(text);
    else if ("children" in current)
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
  }
  return parts.join("");
}

/** The text a node contributes by itself, or null when its text is its children's. */
function ownText(node: Nodes, withCode: boolean): string | null {
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
      return "children" in node ? null : "";
  }
}

/** The first line of a node's plain text. */
export function firstLineText(node: Nodes): string {
  const text = inlineText(node);
  const newline = text.indexOf("\n");
  return newline === -1 ? text : text.slice(0, newline);
}
