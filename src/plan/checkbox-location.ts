import { readCheckbox } from "./checkbox-mark.js";
import type { CheckboxLocation } from "./plan-types.js";

export interface LocatedCheckbox extends CheckboxLocation {
  optional: boolean;
  /** Where the item's text starts after the box; equals contentOffset without one. */
  textOffset: number;
}

/**
 * Finds a list item's checkbox by scanning forward from its bullet. mdast has no node for the
 * checkbox, knows only `[ ]`/`[x]`, and the paragraph's start is unreliable when the item opens
 * with bold text, so the source bytes are the only trustworthy guide.
 */
export function locateCheckbox(source: string, bulletOffset: number): LocatedCheckbox {
  const contentOffset = skipBlanks(source, skipBullet(source, bulletOffset));
  const box = readCheckbox(source, contentOffset);
  if (!box) return { markOffset: null, mark: null, contentOffset, optional: false, textOffset: contentOffset };
  return {
    markOffset: box.markOffset,
    mark: box.mark,
    contentOffset,
    optional: box.optional,
    textOffset: box.textOffset,
  };
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
