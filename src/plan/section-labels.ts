/**
 * Labels a heading implies. Only priority is read from headings: it is the one section meaning
 * the formats share (`### 🔄 High Priority (Should Have)`, spec-kit's `(Priority: P1)`).
 */
const NAMED_PRIORITY = /\b(critical|high|medium|low)\s+priority\b/i;
const CODED_PRIORITY = /\bpriority:\s*(P\d)\b/i;

export function sectionLabels(headingText: string): string[] {
  const named = NAMED_PRIORITY.exec(headingText);
  if (named) return [`priority: ${named[1]!.toLowerCase()}`];
  const coded = CODED_PRIORITY.exec(headingText);
  return coded ? [priorityLabel(coded[1]!)] : [];
}

/** `P1` → `priority: P1`: one label text for a `(Priority: P1)` heading and a `P1 T12` item's tag. */
export function priorityLabel(code: string): string {
  return `priority: ${code.toUpperCase()}`;
}
