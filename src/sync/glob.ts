/**
 * Glob matching for config `paths` (and any other user glob) that cannot backtrack.
 *
 * Regex-based matchers (picomatch, minimatch) compile `*a*a*a*` into a backtracking regex: one
 * repository's config plus a long path could stall the server for every tenant. Here a glob is
 * matched segment by segment with the greedy wildcard algorithm, which keeps one resume point
 * per level and so runs in O(pattern × path) however the wildcards are arranged.
 *
 * Syntax: `*` (any characters but `/`), `?` (one character but `/`), `[abc]`, `[a-z]`, `[!a]`,
 * `**` as a whole segment (zero or more segments), `{a,b}` (not nested), `\` escapes. Names
 * starting with a dot match like any other.
 */

/** Bounds that keep compile time and memory small; errors say which one was hit. */
export const GLOB_LIMITS = { length: 200, alternatives: 32 } as const;

type CharTest = (c: string) => boolean;
/** A segment pattern: literal characters, `?`, classes, and `*` as `null` ("any run"). */
type SegmentToken = CharTest | null;
/** A path pattern: segment patterns, and `**` as `null`. */
type Compiled = (SegmentToken[] | null)[];

/** Why a glob is not accepted, or null when it is fine. */
export function globProblem(glob: string): string | null {
  if (glob.length === 0) return "is empty";
  if (glob.length > GLOB_LIMITS.length) return `is longer than ${GLOB_LIMITS.length} characters`;
  if (glob.startsWith("!")) return "starts with `!`: negated globs are not supported; list the paths to include";
  if (/[@!+*?]\(/.test(glob)) return "uses an extglob such as `@(…)` or `+(…)`, which is not supported; use `{a,b}`";
  if (/\{[^}]*\{/.test(glob)) return "nests braces, which is not supported";
  if (/\{[^}]*\.\.[^}]*\}/.test(glob)) return "uses a brace range such as `{1..9}`, which is not supported";
  if (countChar(glob, "{") !== countChar(glob, "}")) return "has an unclosed `{`";
  if (expandBraces(glob).length > GLOB_LIMITS.alternatives)
    return `expands to more than ${GLOB_LIMITS.alternatives} alternatives`;
  return null;
}

/** A matcher for several globs (any may match). Throws on a glob `globProblem` rejects. */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  const compiled = globs.flatMap((glob) => {
    const problem = globProblem(glob);
    if (problem) throw new Error(`The glob "${glob}" ${problem}.`);
    return expandBraces(glob).map(compile);
  });
  return (path) => {
    const segments = path.split("/");
    return compiled.some((pattern) => matchSequence(pattern, segments, matchSegment));
  };
}

function countChar(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** `a/{b,c}/*.{md,markdown}` → four globs. Braces are not nested (checked before). */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf("{");
  if (open === -1) return [glob];
  const close = glob.indexOf("}", open);
  if (close === -1) return [glob];
  const head = glob.slice(0, open);
  const tails = expandBraces(glob.slice(close + 1));
  const options = glob.slice(open + 1, close).split(",");
  const out: string[] = [];
  for (const option of options) {
    for (const tail of tails) {
      out.push(head + option + tail);
      if (out.length > GLOB_LIMITS.alternatives) return out;
    }
  }
  return out;
}

function compile(glob: string): Compiled {
  return glob.split("/").map((segment) => (segment === "**" ? null : compileSegment(segment)));
}

function compileSegment(segment: string): SegmentToken[] {
  const tokens: SegmentToken[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === "*") {
      if (tokens[tokens.length - 1] !== null) tokens.push(null);
    } else if (c === "?") tokens.push(() => true);
    else if (c === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end === -1) tokens.push(literal("["));
      else {
        tokens.push(charClass(segment.slice(i + 1, end)));
        i = end;
      }
    } else if (c === "\\" && i + 1 < segment.length) tokens.push(literal(segment[++i]!));
    else tokens.push(literal(c));
  }
  return tokens;
}

function literal(expected: string): CharTest {
  return (c) => c === expected;
}

function charClass(body: string): CharTest {
  const negated = body.startsWith("!") || body.startsWith("^");
  const chars = negated ? body.slice(1) : body;
  const ranges: [string, string][] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === "-" && i + 2 < chars.length) {
      ranges.push([chars[i]!, chars[i + 2]!]);
      i += 2;
    } else ranges.push([chars[i]!, chars[i]!]);
  }
  return (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negated;
}

function matchSegment(pattern: SegmentToken[] | null, segment: string): boolean {
  if (pattern === null) return true;
  return matchSequence(pattern, [...segment], (test: CharTest, c) => test(c));
}

/**
 * The greedy wildcard algorithm over any sequence: `null` in `pattern` matches any run of
 * items, every other token exactly one item. On a mismatch it resumes after the last wildcard,
 * one item further; earlier wildcards never need revisiting, so it cannot backtrack.
 */
function matchSequence<P, T>(pattern: readonly (P | null)[], items: readonly T[], one: (p: P, item: T) => boolean) {
  let p = 0;
  let i = 0;
  let star = -1;
  let resume = 0;
  while (i < items.length) {
    const token = pattern[p];
    if (p < pattern.length && token === null) {
      star = p++;
      resume = i;
    } else if (p < pattern.length && one(token as P, items[i]!)) {
      p++;
      i++;
    } else if (star !== -1) {
      p = star + 1;
      i = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === null) p++;
  return p === pattern.length;
}
