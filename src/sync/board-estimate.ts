/**
 * An estimate as a board's Estimate number. Points as written: `3`, `3 points`, `1 point`, `3 pts`,
 * `3 SP`, `3 story points` → 3. A time in hours: `4h` → 4, `1.5h` → 1.5, `4 hours` → 4, `30m` →
 * 0.5, `1h 30m` → 1.5, `2d` → 16 and `1w` → 40 (a working day of 8 hours, a week of 5 days).
 * Either may start with `~` or `≈` (`~4h`, `≈ 3 pts`). Null for anything else: an estimate it
 * cannot read sets nothing.
 */
export function estimateHours(text: string): number | null {
  const written = text
    .trim()
    .toLowerCase()
    .replace(/^[~≈]\s*/u, "");
  if (written === "" || written.length > 40) return null;
  const points = POINTS.exec(written);
  if (points) return Number(points[1]);
  let hours = 0;
  let rest = written;
  while (rest !== "") {
    const part = PART.exec(rest);
    if (!part) return null;
    hours += Number(part[1]) * HOURS_PER_UNIT[unitOf(part[2]!)];
    rest = rest.slice(part[0].length);
  }
  // Rounded to hundredths: `20m` is 0.33 h, not a float that never compares equal to itself read back.
  return Math.round(hours * 100) / 100;
}

/** A number alone or with a points unit. */
const POINTS = /^(\d{1,6}(?:\.\d{1,3})?)(?:\s*(?:story\s+points?|points?|pts?|sp))?$/;

const PART = /^(\d{1,4}(?:\.\d{1,2})?)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?![a-z])\s*/;

const HOURS_PER_UNIT = { m: 1 / 60, h: 1, d: 8, w: 40 } as const;

function unitOf(unit: string): keyof typeof HOURS_PER_UNIT {
  if (unit.startsWith("mi") || unit === "m") return "m";
  if (unit.startsWith("h")) return "h";
  if (unit.startsWith("d")) return "d";
  return "w";
}
