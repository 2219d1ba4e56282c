/**
 * The lines of a list item after its title's `titleLines`, dedented, as the user wrote them.
 * Line endings become `\n`: the body is rendered into issues, never written back to the file.
 */
export function sliceBody(text: string, contentOffset: number, itemEnd: number, titleLines = 1): string {
  let newline = contentOffset - 1;
  for (let line = 0; line < titleLines; line++) {
    newline = text.indexOf("\n", newline + 1);
    if (newline === -1 || newline >= itemEnd) return "";
  }
  const lines = text.slice(newline + 1, itemEnd).split(/\r?\n/);
  const indent = leastIndent(lines);
  const dedented = lines.map((l) => l.slice(Math.min(indent, leadingSpaces(l))));
  return dedented.join("\n").replace(/^\n+/, "").trimEnd();
}

/** A loop, not `Math.min(...)`: an item of a few hundred thousand lines would overflow the stack. */
function leastIndent(lines: readonly string[]): number {
  let least = Infinity;
  for (const line of lines) if (line.trim() !== "") least = Math.min(least, leadingSpaces(line));
  return least;
}

function leadingSpaces(line: string): number {
  let i = 0;
  while (line[i] === " ") i++;
  return i;
}
