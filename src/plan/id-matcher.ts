import { MAX_ID_LENGTH, parseId, type ParsedId } from "./id-grammar.js";

/**
 * Task IDs are matched with the hand-written grammar of id-grammar.ts instead of a user-supplied
 * regular expression, so that no configuration can make matching run unbounded: every check is
 * linear in a token that is itself capped at MAX_ID_LENGTH characters.
 */
export { MAX_ID_LENGTH };

export interface IdMatcherOptions {
  /** Accepted prefixes such as `BE` or `PAY`, in any case. A prefix also admits its children (`BE` admits `BE-DB-1`). Empty: any prefix. */
  prefixes?: readonly string[];
}

export interface IdMatcher {
  /** A letter-led ID (`T001`, `BE-DB-1`, `t010`, `US-1.1`) with an accepted prefix. */
  isId(token: string): boolean;
  /** The token read as an ID of either shape (outline numbers ignore the prefixes), or null. */
  read(token: string): ParsedId | null;
  /** True for tokens that look like an attempt at an ID (`BE-XX`, `BE-`) but are not one. */
  looksLikeId(token: string): boolean;
  /** True when `ids.prefixes` names the prefixes: an accepted prefix is then evidence enough. */
  configured: boolean;
}

/** An uppercase head, a dash or underscore, then the rest: `BE-XXX`, `BE-`, `BE_X1`. Linear: no nested quantifiers. */
const SUSPICIOUS_SHAPE = /^([A-Z][A-Z0-9]*)[-_]([A-Za-z0-9-]*)$/;

/** Splits `BE-DB-12` into prefix `BE-DB` and number `12`: a letter-led ID that ends in digits, else null. */
export function splitId(token: string): { prefix: string; number: string } | null {
  const parsed = parseId(token);
  if (parsed?.shape !== "prefixed" || parsed.id !== token) return null;
  let end = token.length;
  while (end > 0 && token[end - 1]! >= "0" && token[end - 1]! <= "9") end--;
  if (end === token.length) return null;
  const prefix = token.slice(0, token[end - 1] === "-" ? end - 1 : end);
  return { prefix, number: token.slice(end) };
}

export function createIdMatcher(options: IdMatcherOptions = {}): IdMatcher {
  const prefixes = (options.prefixes ?? []).map((p) => p.toUpperCase());
  // `BE` admits `BE-1`, `BE1`, `BE-DB-1`, not `BED-1`: the prefix ends where a separator or digit starts.
  const accepted = (token: string) => {
    const upper = token.toUpperCase();
    return (
      prefixes.length === 0 || prefixes.some((p) => upper.startsWith(p) && /^[-._0-9]/.test(upper.slice(p.length)))
    );
  };
  const read = (token: string): ParsedId | null => {
    const parsed = parseId(token);
    return parsed && (parsed.shape === "outline" || accepted(parsed.id)) ? parsed : null;
  };
  return {
    read,
    configured: prefixes.length > 0,
    isId(token) {
      const parsed = read(token);
      return parsed?.shape === "prefixed" && parsed.id === token;
    },
    looksLikeId(token) {
      if (token.length > MAX_ID_LENGTH) return false;
      const shape = SUSPICIOUS_SHAPE.exec(token);
      return shape !== null && accepted(shape[1]! + "-") && (shape[2] === "" || /\d|^[X#?]+$/i.test(shape[2]!));
    },
  };
}
