import type { PlansyncConfig } from "../config/config-schema.js";
import type { LocatedTask } from "./collect-tasks.js";
import { REMOVED_LABEL } from "./desired-issue.js";
import { milestoneTitle } from "./milestone-title.js";
import type { RemoteIssue } from "./sync-types.js";

/** How far a milestone is: its tasks and, when estimated, their points. */
export interface MilestoneProgress {
  tasks: number;
  done: number;
  points: number;
  donePoints: number;
}

const POINTS_LABEL = /^points: (\d+(?:\.\d+)?)$/;

/**
 * Progress per GitHub milestone title. Tasks in the files read count as the doc states them;
 * when not every plan file was read, managed issues from the other files count as GitHub has
 * them (their state, their `points:` label), so a push of one file never shrinks the figures.
 * An issue whose task was removed from the docs (closed as not planned, or labelled
 * `plansync: removed`) is no task of its milestone any more, as a full read would find. Points
 * are summed to two decimals (0.1 + 0.2 is 0.3).
 */
export function milestoneProgress(
  winners: readonly LocatedTask[],
  unread: readonly RemoteIssue[],
  config: PlansyncConfig,
): Map<string, MilestoneProgress> {
  const progress = new Map<string, MilestoneProgress>();
  const add = (title: string | null, done: boolean, points: number | null) => {
    if (title === null) return;
    const p = progress.get(title) ?? { tasks: 0, done: 0, points: 0, donePoints: 0 };
    p.tasks++;
    p.points += points ?? 0;
    if (done) {
      p.done++;
      p.donePoints += points ?? 0;
    }
    progress.set(title, p);
  };
  for (const { task, epic } of winners) {
    if (epic || task.milestone === null || !config.milestones.enabled) continue;
    add(milestoneTitle(task.milestone, config), task.checked === true, task.points);
  }
  for (const issue of unread) {
    if (issue.marker.epic || issue.notPlanned || issue.labels.includes(REMOVED_LABEL)) continue;
    const label = issue.labels.map((l) => POINTS_LABEL.exec(l)).find(Boolean);
    add(issue.milestone, issue.state === "closed", label ? Number(label[1]) : null);
  }
  for (const p of progress.values()) {
    p.points = hundredths(p.points);
    p.donePoints = hundredths(p.donePoints);
  }
  return progress;
}

/** No progress yet: a milestone the docs name with no tasks. */
export const NO_PROGRESS: Readonly<MilestoneProgress> = { tasks: 0, done: 0, points: 0, donePoints: 0 };

/** A sum of points without float artefacts: 0.30000000000000004 is 0.3. */
function hundredths(points: number): number {
  return Math.round(points * 100) / 100;
}

/** `5 of 12 tasks done · 13 of 31 points`: for the check run and the milestone's description. */
export function progressLine(p: MilestoneProgress): string {
  const tasks = `${p.done} of ${p.tasks} task${p.tasks === 1 ? "" : "s"} done`;
  return p.points > 0 ? `${tasks} · ${hundredths(p.donePoints)} of ${hundredths(p.points)} points` : tasks;
}
