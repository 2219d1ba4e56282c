import { createHash } from "node:crypto";
import type { Marker } from "./sync-types.js";
import { BOARD_ROLES, type BoardMarker, type BoardValues } from "./board-types.js";

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
/**
 * A marker is one line, as long as its record needs (50 dependencies with 64-character IDs and a
 * long checklist's ticks make several thousand characters: a shorter bound made such an issue
 * unreadable, and the next sync made a duplicate). Linear in the body however it is built: a
 * match never runs past the next marker start (a rendered marker cannot contain one, `--` being
 * escaped), so no character is scanned for more than one candidate. Global, for the last one.
 */
const MARKER = /<!-- plansync (\{(?:(?!<!-- plansync )[^\n])*?\}) -->/g;
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
    ...(marker.order !== undefined && { order: marker.order }),
    ...(marker.adopted === true && { adopted: true }),
    ...(marker.type !== undefined && { type: marker.type }),
    ...(marker.board !== undefined && { board: marker.board }),
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
      ...(typeof data.order === "string" && { order: data.order }),
      ...(data.adopted === true && { adopted: true }),
      ...(readType(data.type) !== undefined && { type: readType(data.type) }),
      ...(readBoard(data.board) !== undefined && { board: readBoard(data.board) }),
    };
  } catch {
    return null;
  }
}

/** A recorded type: a name, or null for "agreed on none"; anything else reads as not recorded. */
function readType(value: unknown): string | null | undefined {
  if (value === null) return null;
  return typeof value === "string" && value.length > 0 && value.length <= 100 ? value : undefined;
}

/**
 * A recorded card: anyone can edit an issue body's marker text by hand, so only the known roles
 * with values of their type are kept; anything else reads as "not recorded" and is rewritten.
 */
function readBoard(value: unknown): BoardMarker | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { p, f } = value as Record<string, unknown>;
  if (typeof p !== "string" || typeof f !== "object" || f === null) return undefined;
  const values: BoardValues = {};
  for (const role of BOARD_ROLES) {
    const v = (f as Record<string, unknown>)[role];
    if ((typeof v === "string" && v.length <= 200) || (typeof v === "number" && Number.isFinite(v))) values[role] = v;
  }
  return { p, f: values };
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
 * A milestone's marker, in its description: the due date plansync last wrote (so a date removed
 * from the doc is cleared, while one a human set on GitHub is left alone), and which text above
 * the marker is plansync's: the doc it came from and a hash of it. Text a human wrote or edited
 * there hashes differently and is never overwritten.
 */
const MILESTONE_MARKER = /<!-- plansync-milestone (\{[^\n]{0,1200}?\}) -->/;

export interface MilestoneMarker {
  due: string | null;
  /** The doc the description's text came from, and the hash of that text. */
  doc?: string;
  text?: string;
}

export function readMilestoneMarker(description: string | null | undefined): MilestoneMarker | null {
  const match = description ? MILESTONE_MARKER.exec(description) : null;
  if (!match) return null;
  try {
    const data = JSON.parse(match[1]!) as Record<string, unknown>;
    return {
      due: typeof data.due === "string" ? data.due : null,
      ...(typeof data.doc === "string" && { doc: data.doc }),
      ...(typeof data.text === "string" && { text: data.text }),
    };
  } catch {
    return null;
  }
}

/**
 * The description with its marker set: `text` (from `doc`) replaces the text above the marker
 * when that text is plansync's or empty; otherwise the human's text is kept. Without `text`,
 * only the marker changes.
 */
export function withMilestoneMarker(
  description: string,
  due: string | null,
  text?: { doc: string; value: string },
): string {
  const found = readMilestoneMarker(description);
  const current = description.replace(MILESTONE_MARKER, "").trim();
  const owned = current === "" || (found?.text !== undefined && found.text === textHash(current));
  const written = text && owned ? text : undefined;
  const record: MilestoneMarker = written
    ? { due, doc: written.doc, text: textHash(written.value.trim()) }
    : { due, ...(found?.doc && { doc: found.doc }), ...(found?.text && { text: found.text }) };
  const marker = `<!-- plansync-milestone ${JSON.stringify(record).replace(/--/g, "-\\u002d")} -->`;
  if (written) return `${written.value.trim()}\n\n${marker}`;
  if (found) return description.replace(MILESTONE_MARKER, () => marker);
  return description ? `${description}\n\n${marker}` : marker;
}

function textHash(text: string): string {
  return createHash("sha1").update(text.replace(/\r\n/g, "\n")).digest("hex").slice(0, 12);
}
