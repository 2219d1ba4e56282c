/**
 * The one grammar for task IDs. An ID is letter runs and digit runs, joined by `-`, `.` or `_`
 * or written side by side, with at least one digit; it ends in a digit run or in one letter glued
 * to one (`T046a`, `1.4b`). Read by hand in one pass over a token capped at MAX_ID_LENGTH, so no
 * input can make it slow. What it refuses, and why, is the README's "Task IDs" table.
 */
export const MAX_ID_LENGTH = 64;
/** `3.2.1` has three parts; more than this is no outline a person writes. */
const MAX_OUTLINE_PARTS = 8;
/** A part of an outline number has at most three digits, so a year is none (`2024 review`). */
const MAX_OUTLINE_DIGITS = 3;
/** A lowercase ID's number has at least three digits (`t010`): `x86`, `mp3`, `i18n` are words. */
const MIN_LOWERCASE_DIGITS = 3;

export interface Run {
  kind: "letters" | "digits";
  text: string;
  /** The separator written before the run (`-`, `.`, `_`), or "" when glued or first. */
  before: string;
}

export interface ParsedId {
  /** The ID as written, without a trailing dot (`1.` is `1`). */
  id: string;
  /** `outline`: numeric-led (`2.1`, `1.`, `1.4b`); `prefixed`: letter-led (`T001`, `US-1.1`, `t010`). */
  shape: "outline" | "prefixed";
  /** The letters before the first digit, upper-cased (`BE-DB` for `BE-DB-1`); "" for an outline. */
  prefix: string;
  /** Parts joined by dots (`2.1`, `A1.1`, `US-1.1`): the numbering names the parent. */
  dotted: boolean;
}

const SEPARATORS = new Set(["-", ".", "_"]);

export function isIdChar(c: string | undefined): boolean {
  return c !== undefined && (isLetter(c) || isDigit(c) || SEPARATORS.has(c));
}

/** Reads `token` as an ID, or null. A trailing `.` is the outline's dot or a separator, not part of the ID. */
export function parseId(token: string): ParsedId | null {
  if (token.length === 0 || token.length > MAX_ID_LENGTH + 1) return null;
  const trailingDot = token.endsWith(".");
  const id = trailingDot ? token.slice(0, -1) : token;
  const runs = splitRuns(id);
  if (runs === null || !runs.some((r) => r.kind === "digits") || !endsWell(runs)) return null;
  if (runs[0]!.kind === "digits") return readOutline(id, runs, trailingDot);
  if (!readsAsPrefixed(runs) || isRange(id)) return null;
  return { id, shape: "prefixed", prefix: prefixOf(id, runs), dotted: runs.some((r) => r.before === ".") };
}

/** Splits into maximal runs; null on a character outside the grammar, or a separator not between two runs. */
export function splitRuns(token: string): Run[] | null {
  const runs: Run[] = [];
  let before = "";
  let i = 0;
  while (i < token.length) {
    const c = token[i]!;
    if (SEPARATORS.has(c)) {
      if (before !== "" || runs.length === 0) return null;
      before = c;
      i++;
      continue;
    }
    const kind = isDigit(c) ? "digits" : isLetter(c) ? "letters" : null;
    if (kind === null) return null;
    const start = i;
    while (i < token.length && (kind === "digits" ? isDigit(token[i]!) : isLetter(token[i]!))) i++;
    runs.push({ kind, text: token.slice(start, i), before });
    before = "";
  }
  return before === "" ? runs : null;
}

/** Ends in digits, or in one letter glued to digits (`T046a`): `T001md` and `BE-X` are no IDs. */
function endsWell(runs: readonly Run[]): boolean {
  const last = runs.at(-1)!;
  if (last.kind === "digits") return true;
  return last.text.length === 1 && last.before === "" && runs.at(-2)?.kind === "digits";
}

/** `1.`, `2.1`, `3.2.1`, `1.4b`: digit parts joined by dots; a lone number needs its dot (`3 eggs` is none). */
function readOutline(id: string, runs: readonly Run[], trailingDot: boolean): ParsedId | null {
  const suffix = runs.at(-1)!.kind === "letters" ? 1 : 0;
  const parts = runs.length - suffix;
  if (parts > MAX_OUTLINE_PARTS || (parts === 1 && (!trailingDot || suffix === 1))) return null;
  for (let i = 0; i < parts; i++) {
    const run = runs[i]!;
    if (run.kind !== "digits" || run.text.length > MAX_OUTLINE_DIGITS || (i > 0 && run.before !== ".")) return null;
    if (isPadded(run.text) || (i > 0 && parts > 2 && run.text === "0")) return null;
  }
  return { id, shape: "outline", prefix: "", dotted: parts > 1 };
}

/** `05`: nobody numbers an outline part with a leading zero; a date (`12.05.`) does. */
function isPadded(digits: string): boolean {
  return digits.length > 1 && digits[0] === "0";
}

/**
 * A token that is an ID only where the doc shows a numbering scheme (finish-plan.ts): one
 * uppercase run glued to an unpadded number, nothing joined by a separator, as in `Q3`, `EC2`,
 * `ES2022`, `P0`; or a one-letter suffix on a short unpadded number, as in `A11y`, `K8s`. The
 * evidence that makes it an ID is decoration, a configured prefix, or siblings with its prefix.
 * So is a token whose prefix names a standard (`SHA-256`, `UTF-8`; STANDARD_NAMES), dash or not.
 */
export function needsConvention(parsed: ParsedId): boolean {
  if (parsed.shape !== "prefixed") return false;
  const runs = splitRuns(parsed.id);
  if (runs === null) return false;
  if (namesAStandard(runs)) return true;
  if (runs.some((r) => r.before !== "")) return false;
  const digits = runs.filter((r) => r.kind === "digits");
  if (digits.length !== 1) return false;
  const number = digits[0]!.text;
  const suffixed = runs.at(-1)!.kind === "letters";
  if (suffixed) return !isPadded(number) && number.length < 3;
  return runs.length === 2 && !isPadded(number);
}

/**
 * Names of standards, algorithms and encodings that are written with a number: `SHA-256`,
 * `HMAC-SHA256`, `UTF-8`, `ISO-8601`, `RFC-7231`, `CVE-2024-1234`. A token with one of them as a
 * letter run of its prefix needs the same evidence as `Q3`; a dash is none. Upper-cased.
 */
const STANDARD_NAMES = new Set([
  "AES",
  "ANSI",
  "CRC",
  "CVE",
  "CWE",
  "DES",
  "ECMA",
  "HMAC",
  "HTTP",
  "IEC",
  "IEEE",
  "ISO",
  "MD",
  "PBKDF",
  "PEP",
  "RFC",
  "RSA",
  "SHA",
  "SSL",
  "TLS",
  "UCS",
  "UTF",
  "WCAG",
]);

function namesAStandard(runs: readonly Run[]): boolean {
  for (const run of runs) {
    if (run.kind === "digits") return false;
    if (STANDARD_NAMES.has(run.text.toUpperCase())) return true;
  }
  return false;
}

/**
 * Letter-led: every letter run is one case (`OAuth2`, `IPv6` are words), all but a one-letter
 * suffix share it, a lowercase ID has a number of three digits or more (`t010`; `x86`, `mp3` are
 * words), and `v1.2` is a version.
 */
function readsAsPrefixed(runs: readonly Run[]): boolean {
  const suffixAt = runs.at(-1)!.kind === "letters" ? runs.length - 1 : -1;
  let upper: boolean | null = null;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (run.kind !== "letters") continue;
    const runCase = caseOf(run.text);
    if (runCase === null) return false;
    if (i === suffixAt) continue;
    if (upper !== null && upper !== runCase) return false;
    upper = runCase;
  }
  const firstDigits = runs.find((r) => r.kind === "digits")!;
  if (upper === false && firstDigits.text.length < MIN_LOWERCASE_DIGITS) return false;
  return !isVersion(runs);
}

/** `v1.2`, `V2.0.1`: one `v` then dotted numbers. */
function isVersion(runs: readonly Run[]): boolean {
  return runs[0]!.text.toLowerCase() === "v" && runs.slice(2).some((r) => r.before === ".");
}

/** True for all-uppercase letters, false for all-lowercase, null for mixed. */
function caseOf(letters: string): boolean | null {
  const upper = letters.toUpperCase() === letters;
  const lower = letters.toLowerCase() === letters;
  return upper === lower ? null : upper;
}

/** `T054-T058` names a range of tasks (a note about them), not one task: both ends are IDs with one prefix. */
export function isRange(token: string): boolean {
  for (let dash = token.indexOf("-"); dash !== -1; dash = token.indexOf("-", dash + 1)) {
    const left = token.slice(0, dash);
    const right = token.slice(dash + 1);
    const a = splitRuns(left);
    const b = splitRuns(right);
    if (!a || !b || a[0]?.kind !== "letters" || b[0]?.kind !== "letters") continue;
    if (!a.some((r) => r.kind === "digits") || !b.some((r) => r.kind === "digits")) continue;
    if (prefixOf(left, a) === prefixOf(right, b)) return true;
  }
  return false;
}

/** The text before the first digit, without its last separator, upper-cased: `BE-DB-1` → `BE-DB`. */
function prefixOf(id: string, runs: readonly Run[]): string {
  let length = 0;
  for (const run of runs) {
    if (run.kind === "digits") break;
    length += run.before.length + run.text.length;
  }
  return id.slice(0, length).toUpperCase();
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isLetter(c: string): boolean {
  return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z");
}
