/**
 * Outline numbers as Kiro, OpenSpec and numbered plans write them: `1.`, `2.1`, `3.2.1`, `2.1.`.
 * A single number needs its dot (`- [ ] 3 eggs` is no task), and each part is at most three
 * digits, so a year (`2024 review`) is not read as one.
 */
const MAX_PARTS = 8;

export function readOutlineNumber(line: string, at: number): { id: string; end: number } | null {
  const parts: string[] = [];
  let i = at;
  let trailingDot = false;
  while (parts.length < MAX_PARTS) {
    const start = i;
    while (i - start < 4 && isDigit(line[i])) i++;
    if (i === start || i - start > 3) return null;
    parts.push(line.slice(start, i));
    trailingDot = line[i] === ".";
    if (!trailingDot) break;
    i++;
    if (!isDigit(line[i])) break;
  }
  const next = line[i];
  const boundary = next === undefined || next === " " || next === "\t" || next === ":" || next === "：";
  if (!boundary || (parts.length === 1 && !trailingDot)) return null;
  return { id: parts.join("."), end: i };
}

/** `2.1` → `2`; `2` → null. */
export function outlineParent(id: string): string | null {
  const dot = id.lastIndexOf(".");
  return dot === -1 ? null : id.slice(0, dot);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}
