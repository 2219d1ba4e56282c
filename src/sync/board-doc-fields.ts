/**
 * A bold field's value by any of its names, compared ignoring case (`**Due date:**`, `**due:**`);
 * the first name found wins. Undefined when the doc gives none or an empty one.
 */
export function fieldValue(fields: Readonly<Record<string, string>>, names: readonly string[]): string | undefined {
  const byName = new Map(Object.entries(fields).map(([name, value]) => [name.trim().toLowerCase(), value]));
  for (const name of names) {
    const value = byName.get(name.toLowerCase())?.trim();
    if (value) return value;
  }
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?![\d])/;

/** `YYYY-MM-DD` when the text starts with a real calendar date (`2026-03-01`, `2026-03-01T…`); else null. */
export function calendarDate(text: string): string | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const date = new Date(`${match[0]}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === match[0] ? match[0] : null;
}
