import type { Nodes } from "mdast";

/** Moves every position in a piece's tree to where the piece sits in the whole file. */
export function shiftPositions(node: Nodes, offset: number, lines: number): void {
  if (offset === 0) return;
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const position = current.position;
    if (position) {
      position.start.offset! += offset;
      position.end.offset! += offset;
      position.start.line += lines;
      position.end.line += lines;
    }
    // One by one: a spread of a piece's hundred thousand children would overflow the stack.
    if ("children" in current) for (const child of current.children) stack.push(child as Nodes);
  }
}
