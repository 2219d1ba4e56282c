/**
 * Task IDs are matched with a hand-written scanner instead of a user-supplied regular expression,
 * so that no configuration can make matching run unbounded: every check is linear in a token
 * that is itself capped at MAX_ID_LENGTH characters.
 */

export const MAX_ID_LENGTH = 64;

export interface IdMatcherOptions {
  /** Accepted prefixes such as `BE` or `PAY`. A prefix also admits its dash-separated children (`BE` admits `BE-DB-1`). Empty: any prefix. */
  prefixes?: readonly string[];
}

export interface IdMatcher {
  isId(token: string): boolean;
  /** True for tokens that look like an attempt at an ID (`BE-XX`, `BE-`) but are not one. */
  looksLikeId(token: string): boolean;
}

/** An uppercase head, a dash or underscore, then the rest: `BE-XXX`, `BE-`, `BE_001`. Linear: no nested quantifiers. */
const SUSPICIOUS_SHAPE = /^([A-Z][A-Z0-9]*)[-_]([A-Za-z0-9-]*)$/;

const isUpper = (c: string) => c >= "A" && c <= "Z";
const isDigit = (c: string) => c >= "0" && c <= "9";

/** Splits `BE-DB-12` into prefix `BE-DB` and number `12`; null when the shape is wrong. */
export function splitId(token: string): { prefix: string; number: string } | null {
  if (token.length === 0 || token.length > MAX_ID_LENGTH || !isUpper(token[0]!)) return null;
  let end = token.length;
  while (end > 0 && isDigit(token[end - 1]!)) end--;
  if (end === token.length) return null;
  const number = token.slice(end);
  const prefix = token.slice(0, token[end - 1] === "-" ? end - 1 : end);
  return isPrefixShape(prefix) ? { prefix, number } : null;
}

/** `BE`, `BE-DB`, `T`, `API2`: uppercase segments of letters and digits, each starting with a letter. */
function isPrefixShape(prefix: string): boolean {
  if (prefix.length === 0) return false;
  return prefix.split("-").every((segment) => {
    if (segment.length === 0 || !isUpper(segment[0]!)) return false;
    for (const c of segment) if (!isUpper(c) && !isDigit(c)) return false;
    return true;
  });
}

export function createIdMatcher(options: IdMatcherOptions = {}): IdMatcher {
  const prefixes = options.prefixes ?? [];
  const prefixAccepted = (prefix: string) =>
    prefixes.length === 0 || prefixes.some((p) => prefix === p || prefix.startsWith(`${p}-`));
  return {
    isId(token) {
      const parts = splitId(token);
      return parts !== null && prefixAccepted(parts.prefix);
    },
    looksLikeId(token) {
      if (token.length > MAX_ID_LENGTH) return false;
      const shape = SUSPICIOUS_SHAPE.exec(token);
      return shape !== null && prefixAccepted(shape[1]!) && (shape[2] === "" || /\d|^[X#?]+$/i.test(shape[2]!));
    },
  };
}
