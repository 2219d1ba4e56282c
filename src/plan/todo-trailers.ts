/**
 * The machine-readable tail of a task line, as aidevops' TODO.md writes it:
 * `Evaluate caching #perf #infra → [todo/PLANS.md#caching] ~4h (ai:2h test:1h) logged:2025-12-21`.
 * Only a run of such tokens at the very end counts, read word by word from the end (each word
 * looked at once): a `#tag` in the middle of a sentence stays the sentence's.
 */
export interface Trailers {
  /** The title without its tail. */
  title: string;
  /** `#perf #infra` → `["perf", "infra"]`, in order, without repeats. */
  tags: string[];
  /** `~4h` → `4h`; null without one. */
  estimate: string | null;
  /** `key:value` words, the parenthesised breakdown's included: `{ logged: "2025-12-21", ai: "2h" }`. */
  fields: Record<string, string>;
  /** The tail as written, when it holds more than tags and an estimate (a link, fields); else "". */
  text: string;
}

/** What the scan found besides tags and an estimate: such a tail is kept in the body. */
interface Scan extends Trailers {
  more: boolean;
}

/** `#perf`, `#infra-ops`: a letter first; `#123` is an issue, not a tag. */
const TAG = /^#[A-Za-z][\w/-]{0,63}$/;
/** `~4h`, `~30m`, `~1.5h`, `~2d`, `~1w`. */
const ESTIMATE = /^~(\d{1,4}(?:\.\d{1,2})?[mhdw])$/;
/** `logged:2025-12-21`, `ai:2h`; not `https://…` (a value starts with no slash). */
const KEY_VALUE = /^([a-z][\w-]{0,31}):([^\s/:][^\s]{0,127})$/;
const ARROWS = new Set(["→", "->", "=>"]);

/** A quick look before the word-by-word read: every tail word holds one of these characters. */
export function mayHaveTrailers(text: string): boolean {
  return /[#~:→>]/.test(text);
}

/** `masked` is `text` with code and link text masked (masked-text.ts): words holding any are prose, never a trailer. */
export function readTrailers(text: string, masked: string = text): Trailers {
  if (!mayHaveTrailers(text)) return { title: text.trim(), tags: [], estimate: null, fields: {}, text: "" };
  const words = text.trim().split(/\s+/);
  const plain = masked.trim().split(/\s+/);
  const found: Scan = { title: text.trim(), tags: [], estimate: null, fields: {}, text: "", more: false };
  let end = words.length;
  while (end > 0) {
    const taken = trailerBefore(words, plain, end, found);
    if (taken === 0) break;
    end -= taken;
  }
  if (end === words.length) return { title: found.title, tags: [], estimate: null, fields: {}, text: "" };
  found.tags.reverse();
  found.tags = [...new Set(found.tags)];
  found.title = words.slice(0, end).join(" ");
  const { more, ...trailers } = found;
  return { ...trailers, text: more ? words.slice(end).join(" ") : "" };
}

/** How many words before `end` make one trailer (recording what it says), or 0. */
function trailerBefore(words: readonly string[], plain: readonly string[], end: number, found: Scan): number {
  const word = words[end - 1]!;
  // The target after an arrow may be a link; anything else with code or link text is prose.
  if (plain[end - 1] !== word) return end >= 2 && ARROWS.has(words[end - 2]!) ? ((found.more = true), 2) : 0;
  if (TAG.test(word)) {
    found.tags.push(word.slice(1));
    return 1;
  }
  const estimate = ESTIMATE.exec(word);
  if (estimate) {
    found.estimate ??= estimate[1]!;
    return 1;
  }
  const taken =
    end >= 2 && ARROWS.has(words[end - 2]!) && isLinkWord(word)
      ? 2
      : word.endsWith(")")
        ? breakdownBefore(words, end, found)
        : keyValue(word, found)
          ? 1
          : 0;
  if (taken > 0) found.more = true;
  return taken;
}

/**
 * What an arrow points at when it starts a tail: `[todo/PLANS.md#x]`, `(url)`, `https://…`.
 * Any other word after an arrow is the title's (`MySQL → Postgres`).
 */
function isLinkWord(word: string): boolean {
  return (
    (word.startsWith("[") && word.endsWith("]")) ||
    (word.startsWith("(") && word.endsWith(")") && word.length > 2) ||
    /^https?:\/\/\S/.test(word)
  );
}

/** `(ai:2h test:1h)`: every word inside a `key:value`. */
function breakdownBefore(words: readonly string[], end: number, found: Trailers): number {
  let start = end - 1;
  while (start >= 0 && !words[start]!.startsWith("(")) start--;
  if (start === -1) return 0;
  const inner = words.slice(start, end).join(" ").slice(1, -1).trim().split(/\s+/);
  const fields: Record<string, string> = {};
  if (!inner.every((w) => keyValue(w, { fields } as Trailers))) return 0;
  for (const [k, v] of Object.entries(fields)) found.fields[k] ??= v;
  return end - start;
}

function keyValue(word: string, found: Trailers): boolean {
  const match = KEY_VALUE.exec(word);
  if (match) found.fields[match[1]!] ??= match[2]!;
  return match !== null;
}
