/**
 * What people put between a task's box and its ID: status emoji (`✅`, `🟡`, `⚠️`, flags, joined
 * sequences) and the spaces around them. Bold, emphasis and code markers are already gone from the
 * item's plain text; brackets are read with the ID.
 */
const SYMBOL = /^[\p{Extended_Pictographic}\p{So}\p{Regional_Indicator}]$/u;
/** Variation selectors, the zero-width joiner, skin tones and keycap marks that ride on a symbol. */
const MODIFIER = /^[\uFE0E\uFE0F\u200D\u20E3\u{1F3FB}-\u{1F3FF}]$/u;

/**
 * Format characters with no glyph that text pasted from chats and wikis carries: zero-width space
 * and non-joiner, word joiner, BOM, soft hyphen. Next to an ID they are read past, never kept in
 * it. The zero-width joiner is a MODIFIER: it joins emoji.
 */
const INVISIBLE = new Set(["\u200B", "\u200C", "\u2060", "\uFEFF", "\u00AD"]);

export function isInvisible(c: string): boolean {
  return INVISIBLE.has(c);
}

/** The offset of the first character after any emoji runs, invisible characters and spaces from `at`. */
export function skipDecoration(line: string, at: number): number {
  let i = at;
  while (i < line.length) {
    const c = line.codePointAt(i)!;
    const char = String.fromCodePoint(c);
    if (char === " " || char === "\t" || isInvisible(char) || SYMBOL.test(char) || MODIFIER.test(char))
      i += char.length;
    else break;
  }
  return i;
}

export type EmojiStatus = "done" | "in-progress" | "open";

/**
 * What a status emoji before the ID says, for an item without a box (`- ✅ T1: Title`); a box,
 * when there is one, wins. Variation selectors are dropped before the lookup (`✔️` is `✔`).
 */
const EMOJI_STATUS = new Map<string, EmojiStatus>([
  ["✅", "done"],
  ["✔", "done"],
  ["☑", "done"],
  ["🚧", "in-progress"],
  ["🟡", "in-progress"],
  ["⏳", "in-progress"],
  ["🔄", "in-progress"],
  ["⬜", "open"],
  ["🔲", "open"],
]);

/** The state the first status emoji in `decoration` (the text before the ID) names, or null. */
export function emojiStatus(decoration: string): EmojiStatus | null {
  for (const char of decoration) {
    const status = EMOJI_STATUS.get(char);
    if (status) return status;
  }
  return null;
}
