import type { PlansyncConfig } from "../config/config-schema.js";
import { milestoneTitle } from "./milestone-title.js";
import type { Operation, PlanFile, RemoteMilestone } from "./sync-types.js";

/**
 * Milestones are matched by title and never deleted. The first file naming a milestone decides
 * its due date and state. Due dates compare as calendar dates: GitHub stores them in Pacific time.
 */
export function reconcileMilestones(
  files: readonly PlanFile[],
  remote: readonly RemoteMilestone[],
  config: PlansyncConfig,
): Operation[] {
  if (!config.milestones.enabled) return [];
  const byTitle = new Map(remote.map((m) => [m.title, m]));
  const seen = new Set<string>();
  const operations: Operation[] = [];
  for (const { plan } of files) {
    if (!plan.milestone) continue;
    const title = milestoneTitle(plan.milestone.title, config);
    if (seen.has(title)) continue;
    seen.add(title);
    const { dueOn, state } = plan.milestone;
    const existing = byTitle.get(title);
    if (!existing) {
      operations.push({ kind: "create-milestone", title, dueOn, state });
      continue;
    }
    const update: Extract<Operation, { kind: "update-milestone" }> = {
      kind: "update-milestone",
      number: existing.number,
      title,
    };
    if (dueOn !== null && dueOn !== existing.dueOn) update.dueOn = dueOn;
    if (state !== existing.state) update.state = state;
    if (update.dueOn !== undefined || update.state !== undefined) operations.push(update);
  }
  return operations;
}
