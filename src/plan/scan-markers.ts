const BACKSLASH = 0x5c;
const BRACKET_CLOSE = 0x5d;
const LESS_THAN = 0x3c;
const BACKTICK = 0x60;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Counts, in text[start, end), the inline markers micromark answers by scanning the rest of the
 * paragraph: a run of `*`, `_` or `~` after a non-space (it may close emphasis or strikethrough,
 * and looks back for an opener), every `]` (it looks back for a `[`), every backtick run (it
 * looks ahead for a closing run of the same length) and every `<` (`<?` and `<!` look ahead for
 * their end). Escaped characters do not count. Errs towards counting more: a marker inside a
 * code span counts too.
 */
export function countScanMarkers(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === BRACKET_CLOSE || c === LESS_THAN) count++;
    else if (c === BACKTICK || c === STAR || c === UNDERSCORE || c === TILDE) {
      const before = i > start ? text.charCodeAt(i - 1) : SPACE;
      while (i + 1 < end && text.charCodeAt(i + 1) === c) i++;
      if (c === BACKTICK || (before !== SPACE && before !== TAB)) count++;
    }
  }
  return count;
}
