import { MAX_ID_LENGTH } from "./id-grammar.js";
import { isInvisible, skipDecoration } from "./task-decoration.js";
import { idKey } from "./task-id.js";

/** Bold, code, brackets, parentheses and emphasis around a lead token, and the colons after it. */
const WRAPPING = new Set(["*", "_", "`", "[", "]", "(", ")", ":", "："]);

/**
 * The first token of a list item's line, as an identity key (`idKey`), whether or not the grammar
 * reads it as an ID: `Q3`, `12.05`, `1`. The sync uses these to tell a task removed from its doc
 * from one still written there that the grammar now reads another way (a word, a step, a date):
 * the issue of the second is left alone, never closed as removed.
 */
export function itemLeadKey(lead: string): string | null {
  let i = skipDecoration(lead, 0);
  while (i < lead.length && WRAPPING.has(lead[i]!)) i++;
  let token = "";
  for (; i < lead.length && token.length <= MAX_ID_LENGTH; i++) {
    const c = lead[i]!;
    if (c === " " || c === "\t" || c === "\u00A0" || WRAPPING.has(c)) break;
    if (!isInvisible(c)) token += c;
  }
  if (token.endsWith(".")) token = token.slice(0, -1);
  return token.length === 0 || token.length > MAX_ID_LENGTH || !/\d/.test(token) ? null : idKey(token);
}
