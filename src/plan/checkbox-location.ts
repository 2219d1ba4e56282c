import type { CheckboxLocation } from "./plan-types.js";

/**
 * Finds a list item's checkbox by scanning forward from its bullet. mdast has no node for the
 * checkbox, and the paragraph's start is unreliable when the item opens with bold text, so the
 * source bytes are the only trustworthy guide.
 */
export function locateCheckbox(source: string, bulletOffset: number): CheckboxLocation {
  let i = skipBullet(source, bulletOffset);
  i = skipBlanks(source, i);
  const contentOffset = i;
  const isBox = source[i] === "[" && source[i + 2] === "]" && " xX".includes(source[i + 1] ?? "");
  return { markOffset: isBox ? i + 1 : null, contentOffset };
}

function skipBullet(source: string, at: number): number {
  if ("-*+".includes(source[at] ?? "")) return at + 1;
  let i = at;
  while (source[i] !== undefined && source[i]! >= "0" && source[i]! <= "9") i++;
  return ".)".includes(source[i] ?? "") ? i + 1 : i;
}

function skipBlanks(source: string, at: number): number {
  let i = at;
  while (source[i] === " " || source[i] === "\t") i++;
  return i;
}
