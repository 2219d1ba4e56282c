import type { PlansyncConfig } from "../config/config-schema.js";
import type { Milestone } from "../plan/index.js";
import { readMilestoneMarker, withMilestoneMarker } from "./marker.js";
import { milestoneSource, milestoneText } from "./milestone-description.js";
import type { MilestoneProgress } from "./milestone-progress.js";
import { milestoneTitle } from "./milestone-title.js";
import type { Operation, PlanFile, RemoteMilestone } from "./sync-types.js";

type UpdateMilestone = Extract<Operation, { kind: "update-milestone" }>;

export interface MilestoneContext {
  htmlUrl: string;
  progress: ReadonlyMap<string, MilestoneProgress>;
  /** True when a path's contents are known to this sync (read, or known deleted). */
  read: (path: string) => boolean;
}

/**
 * Milestones are matched by title and never deleted. The first file naming a milestone decides
 * its due date and state. Due dates compare as calendar dates: GitHub stores them in Pacific time.
 */
export function reconcileMilestones(
  files: readonly PlanFile[],
  remote: readonly RemoteMilestone[],
  config: PlansyncConfig,
  context: MilestoneContext,
): Operation[] {
  if (!config.milestones.enabled) return [];
  const byTitle = new Map(remote.map((m) => [m.title, m]));
  const seen = new Set<string>();
  const operations: Operation[] = [];
  for (const milestone of files.flatMap(({ plan }) => plan.milestones)) {
    const title = milestoneTitle(milestone.title, config);
    if (seen.has(title)) continue;
    seen.add(title);
    const existing = byTitle.get(title);
    const namers = files.filter((f) => f.plan.milestones.some((m) => milestoneTitle(m.title, config) === title));
    const source = milestoneSource(namers, existing?.description, context.read);
    const text = source && {
      doc: source.path,
      value: milestoneText(source, context.progress.get(title), context.htmlUrl),
    };
    const { dueOn, state } = milestone;
    if (!existing)
      operations.push({
        kind: "create-milestone",
        title,
        dueOn,
        state,
        description: withMilestoneMarker("", dueOn, text ?? undefined),
      });
    else operations.push(...updateMilestone(milestone, existing, title, text ?? undefined));
  }
  return operations;
}

function updateMilestone(
  doc: Milestone,
  existing: RemoteMilestone,
  title: string,
  text: { doc: string; value: string } | undefined,
): UpdateMilestone[] {
  const update: UpdateMilestone = { kind: "update-milestone", number: existing.number, title };
  const due = decideDue(doc.dueOn, existing);
  if (due !== undefined) update.dueOn = due;
  // A milestone a human closed stays closed unless the doc's own status says otherwise.
  const reopenable = doc.state === "closed" || doc.stated || existing.state === "open";
  if (doc.state !== existing.state && reopenable) update.state = doc.state;
  const synced = readMilestoneMarker(existing.description);
  // Record the agreed date; a milestone from before the marker gets one once its date agrees.
  const agreed = doc.dueOn !== null && doc.dueOn === existing.dueOn ? doc.dueOn : undefined;
  const recorded = due !== undefined ? due : synced ? synced.due : agreed;
  if (recorded !== undefined || text !== undefined) {
    const description = withMilestoneMarker(existing.description, recorded ?? null, text);
    if (description !== existing.description) update.description = description;
  }
  const changed = update.dueOn !== undefined || update.state !== undefined || update.description !== undefined;
  return changed ? [update] : [];
}

/**
 * Three-way, with the marker's date as the last agreement: a date the doc states wins unless
 * only GitHub moved since; a date the doc dropped is cleared, but only if plansync set it and
 * no human changed it since. `undefined` leaves the due date as it is.
 */
function decideDue(doc: string | null, existing: RemoteMilestone): string | null | undefined {
  const synced = readMilestoneMarker(existing.description);
  if (doc === existing.dueOn) return undefined;
  if (doc !== null) return synced && doc === synced.due && existing.dueOn !== synced.due ? undefined : doc;
  return synced?.due && existing.dueOn === synced.due ? null : undefined;
}
