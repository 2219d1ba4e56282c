import { fitText } from "./github-limits.js";
import { escapeMarkers, readMilestoneMarker } from "./marker.js";
import { progressLine, type MilestoneProgress } from "./milestone-progress.js";
import { neutralizeMarkdown } from "./neutralize-mentions.js";
import { encodePath } from "./render-body.js";
import type { PlanFile } from "./sync-types.js";

/** An overview longer than this is cut, pointing at the doc: a milestone's description is a summary. */
const OVERVIEW_LIMIT = 1_000;

/**
 * What plansync writes above a milestone's marker: its doc's Overview paragraph, a link to the
 * doc on the default branch (a link to a commit would change, and so rewrite, on every push) and
 * its progress.
 */
export function milestoneText(file: PlanFile, progress: MilestoneProgress | undefined, htmlUrl: string): string {
  const overview = file.plan.overview
    ? fitText(escapeMarkers(neutralizeMarkdown(file.plan.overview.replace(/\r\n/g, "\n"))), OVERVIEW_LIMIT)
    : "";
  const link = `Planned in [\`${file.path}\`](${htmlUrl}/blob/HEAD/${encodePath(file.path)})`;
  return [overview, progress ? `${link} · ${progressLine(progress)}` : link].filter(Boolean).join("\n\n");
}

/**
 * The doc whose text a milestone's description carries: the one its marker names, as long as
 * that doc still names the milestone; else the first (by path) that names it, one with an
 * overview first. Null when the recorded doc was not read in this sync: the text then waits for
 * a sync that reads it, so two docs naming one milestone never take turns rewriting it.
 */
export function milestoneSource(
  namers: readonly PlanFile[],
  description: string | undefined,
  read: (path: string) => boolean,
): PlanFile | null {
  const recorded = readMilestoneMarker(description)?.doc;
  const own = namers.find((f) => f.path === recorded);
  if (own) return own;
  if (recorded !== undefined && !read(recorded)) return null;
  const sorted = [...namers].sort((a, b) => a.path.localeCompare(b.path));
  return sorted.find((f) => f.plan.overview !== null) ?? sorted[0] ?? null;
}
