/**
 * GitHub stores a milestone's `due_on` as a calendar date in Pacific time and returns it as that
 * date's midnight in Pacific time, written in UTC: `T07:00:00Z` under daylight time, `T08:00:00Z`
 * under standard time. So `2026-12-15T00:00:00Z` (still the 14th in California) comes back as
 * `2026-12-14T08:00:00Z` — a real off-by-one that apps have to live with.
 */
const PACIFIC = "America/Los_Angeles";

const dateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: PACIFIC,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const hourFormat = new Intl.DateTimeFormat("en-US", { timeZone: PACIFIC, hour: "2-digit", hourCycle: "h23" });

/** `YYYY-MM-DD` of the instant as it falls in Pacific time. */
export function pacificDate(instant: Date): string {
  const part = (type: string) => dateFormat.formatToParts(instant).find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The UTC timestamp of midnight Pacific on `date` (`YYYY-MM-DD`). */
export function dueOnTimestamp(date: string): string {
  // 08:00Z is midnight when Pacific is UTC-8 (standard time) and 01:00 when it is UTC-7 (daylight
  // time). Midnight precedes the 02:00 switch, so this also holds on transition days.
  const hour = Number(hourFormat.formatToParts(new Date(`${date}T08:00:00Z`)).find((p) => p.type === "hour")?.value);
  return `${date}T${hour === 0 ? "08" : "07"}:00:00Z`;
}
