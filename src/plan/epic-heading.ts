import type { IdMatcher } from "./id-matcher.js";

/** `Epic 2: Query API`, `Epic #3 - Billing`, `EPIC 4. Reports`: the word, a number, a separator, a title. */
const NUMBERED = /^epic\s*#?\s*(\d{1,4})(?:\s*[:：.\-–—]\s*|\s+|$)(.*)$/i;
/** `EP-2: Query API (epic)`: an ID first, then the title. */
const ID_FIRST = /^([^\s:：]{1,64})\s*[:：\-–—]\s*(.*)$/;
/** `Epic 0`, `Epic 12`, as dependencies name them (`**Dependencies:** Epic 0 complete`). */
const EPIC_REF = /\bepic\s*#?\s*(\d{1,4})\b/gi;

export interface EpicHeading {
  /** `Epic 2`, or the ID the heading carries. */
  id: string;
  title: string;
}

/**
 * An epic heading: `Epic <number>` first, or an ID first in a heading that says "epic". Its ID
 * names the epic's issue; its number is unique in its file.
 */
export function epicHeading(text: string, matcher: IdMatcher): EpicHeading | null {
  const numbered = NUMBERED.exec(text.trim());
  if (numbered) return { id: `Epic ${Number(numbered[1])}`, title: numbered[2]!.trim() || text.trim() };
  if (!/\bepic\b/i.test(text)) return null;
  const idFirst = ID_FIRST.exec(text.trim());
  const token = idFirst?.[1]?.replace(/^\*+|\*+$/g, "");
  if (!idFirst || !token || !matcher.isId(token)) return null;
  return { id: token, title: idFirst[2]!.trim() || text.trim() };
}

/** The epics a dependency field names: `Epic 0 complete, Epic 1 in progress` gives both. */
export function readEpicRefs(value: string): string[] {
  return [...new Set([...value.matchAll(EPIC_REF)].map((m) => `Epic ${Number(m[1])}`))];
}
