import type { Marker } from "./sync-types.js";

const PREFIX = "<!-- plansync ";
/** Bounded: a marker is one line of at most 2,000 characters. */
const MARKER = /<!-- plansync (\{[^\n]{1,2000}?\}) -->/;

/**
 * The hidden marker that makes an issue plansync's: the task ID, its file, the last agreed
 * state and a content hash. `--` is escaped so no value can close the HTML comment early.
 */
export function renderMarker(marker: Marker): string {
  const json = JSON.stringify({ id: marker.id, file: marker.file, state: marker.state, hash: marker.hash });
  return `${PREFIX}${json.replace(/--/g, "-\\u002d")} -->`;
}

export function readMarker(body: string | null | undefined): Marker | null {
  const match = body ? MARKER.exec(body) : null;
  if (!match) return null;
  try {
    const data = JSON.parse(match[1]!) as Partial<Marker>;
    if (typeof data.id !== "string" || typeof data.file !== "string") return null;
    const state = data.state === "closed" ? "closed" : "open";
    return { id: data.id, file: data.file, state, hash: typeof data.hash === "string" ? data.hash : "" };
  } catch {
    return null;
  }
}
