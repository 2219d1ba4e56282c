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
    if ("children" in current) stack.push(...(current.children as Nodes[]));
  }
}
