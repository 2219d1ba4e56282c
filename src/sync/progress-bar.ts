import { progressLine, type MilestoneProgress } from "./milestone-progress.js";

/** The cells of a bar: done, then still to do. */
const DONE = "▓";
const TODO = "░";

/**
 * `▓▓▓▓▓▓░░░░░░░░░░░░░░ 30%`: a fraction done (clamped to 0..1, NaN as 0) as a bar `width` cells
 * wide (at least 2) and a percentage. Both round to the nearest, except that they never show
 * 100% or a full bar before everything is done, nor 0% or an empty bar once something is: a
 * milestone one task short, or one task in, reads as such.
 */
export function progressBar(fraction: number, width = 20): string {
  const p = clamped(fraction);
  const cells = Math.max(2, Math.floor(width));
  const filled = honest(Math.round(p * cells), p, cells);
  return `${DONE.repeat(filled)}${TODO.repeat(cells - filled)} ${donePercent(p)}%`;
}

/** The percentage the bar shows: 100 only when all is done, 0 only when nothing is. */
export function donePercent(fraction: number): number {
  const p = clamped(fraction);
  return honest(Math.round(p * 100), p, 100);
}

function clamped(fraction: number): number {
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
}

/** `rounded` out of `whole`, kept off the ends the fraction has not reached. */
function honest(rounded: number, p: number, whole: number): number {
  if (p > 0 && p < 1) return Math.min(whole - 1, Math.max(1, rounded));
  return p === 1 ? whole : 0;
}

/** `▓▓▓▓▓▓░░░░░░░░░░░░░░ 30% · 3 of 10 tasks done · 8 of 21 points`: the bar counts tasks. */
export function milestoneBar(p: MilestoneProgress, width = 20): string {
  return `${progressBar(tasksDone(p), width)} · ${progressLine(p)}`;
}

/** The fraction of a milestone's tasks done; none of none is nothing done. */
export function tasksDone(p: MilestoneProgress): number {
  return p.tasks === 0 ? 0 : p.done / p.tasks;
}
