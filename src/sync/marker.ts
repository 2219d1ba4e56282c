import type { Marker } from "./sync-types.js";

/**
 * The one place that knows the marker format: the hidden HTML comment that makes an issue
 * plansync's, recording the task ID, its file, the last agreed state and a content hash.
 *
 * Anchoring: the real marker is written as the body's last line, below everything that came
 * from the doc, so the marker that counts is the *last* one in the body. Doc text is escaped by
 * `escapeMarkers` before it goes into a body, so it cannot contain one anyway; a human who
 * appends text below the marker does not unmanage the issue.
 */
const PREFIX = "<!-- plansync ";
/** Bounded: a marker is one line of at most 2,000 characters. Global, for finding the last one. */
const MARKER = /<!-- plansync (\{[^\n]{1,2000}?\}) -->/g;
/** Anything a parser (or a human) could take for the start of a marker. */
const MARKER_LIKE = /<!--(\s*)plansync/gi;

/** `--` is escaped so no value can close the HTML comment early. */
export function renderMarker(marker: Marker): string {
  const json = JSON.stringify({
    id: marker.id,
    ...(typeof marker.scope === "string" && { scope: marker.scope }),
    file: marker.file,
    state: marker.state,
    hash: marker.hash,
    ...(marker.checks !== undefined && { checks: marker.checks }),
    ...(marker.deps !== undefined && marker.deps.length > 0 && { deps: marker.deps }),
    ...(marker.epic === true && { epic: true }),
  });
  return `${PREFIX}${json.replace(/--/g, "-\\u002d")} -->`;
}

export function readMarker(body: string | null | undefined): Marker | null {
  const found = lastMarker(body ?? "");
  if (!found) return null;
  try {
    const data = JSON.parse(found.json) as Partial<Marker>;
    if (typeof data.id !== "string" || typeof data.file !== "string") return null;
    const state = data.state === "closed" ? "closed" : "open";
    const hash = typeof data.hash === "string" ? data.hash : "";
    const checks = typeof data.checks === "string" && /^[x ]*$/.test(data.checks) ? data.checks : undefined;
    const scope = typeof data.scope === "string" ? data.scope : undefined;
    const deps = Array.isArray(data.deps) ? data.deps.filter((d): d is string => typeof d === "string") : undefined;
    return {
      id: data.id,
      ...(scope !== undefined && { scope }),
      file: data.file,
      state,
      hash,
      ...(checks !== undefined && { checks }),
      ...(deps !== undefined && deps.length > 0 && { deps }),
      ...(data.epic === true && { epic: true }),
    };
  } catch {
    return null;
  }
}

/** The body with only its marker replaced; every other byte (a human's edits included) is kept. */
export function replaceMarker(body: string, marker: Marker): string {
  const found = lastMarker(body);
  const rendered = renderMarker(marker);
  if (!found) return `${body}\n\n${rendered}\n`;
  return body.slice(0, found.start) + rendered + body.slice(found.end);
}

/** The body with its marker taken out: the issue is no longer managed (e.g. closed as a duplicate). */
export function removeMarker(body: string, note: string): string {
  const found = lastMarker(body);
  return found ? body.slice(0, found.start) + note + body.slice(found.end) : body;
}

/**
 * Doc text on its way into an issue: a zero-width space after `<!--` keeps marker-like text
 * readable (in a code span it looks the same) but makes it no marker.
 */
export function escapeMarkers(text: string): string {
  return text.replace(MARKER_LIKE, "<!--\u200B$1plansync");
}

function lastMarker(body: string): { json: string; start: number; end: number } | null {
  let last: RegExpExecArray | null = null;
  for (const match of body.matchAll(MARKER)) last = match as RegExpExecArray;
  if (!last) return null;
  return { json: last[1]!, start: last.index, end: last.index + last[0].length };
}

/**
 * A milestone's marker, in its description: the due date plansync last wrote. With it a due
 * date removed from the doc is cleared, while one a human set on GitHub is left alone.
 */
const MILESTONE_MARKER = /<!-- plansync-milestone (\{[^\n]{0,200}?\}) -->/;

export function readMilestoneMarker(description: string | null | undefined): { due: string | null } | null {
  const match = description ? MILESTONE_MARKER.exec(description) : null;
  if (!match) return null;
  try {
    const data = JSON.parse(match[1]!) as { due?: unknown };
    return { due: typeof data.due === "string" ? data.due : null };
  } catch {
    return null;
  }
}

/** The description with the milestone marker set to `due`; a human's text in it is kept. */
export function withMilestoneMarker(description: string, due: string | null): string {
  const marker = `<!-- plansync-milestone ${JSON.stringify({ due })} -->`;
  if (MILESTONE_MARKER.test(description)) return description.replace(MILESTONE_MARKER, () => marker);
  return description ? `${description}\n\n${marker}` : marker;
}
