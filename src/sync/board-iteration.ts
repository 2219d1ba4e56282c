import type { LocatedTask } from "./collect-tasks.js";
import { fieldValue } from "./board-doc-fields.js";

/**
 * The iteration titles a task may belong to, most specific first. A title `stated` in a
 * `**Sprint:**` (or `**Iteration:**`) field, the task's own else the doc's, is the doc's value and
 * the only candidate: a bare number names `Sprint 3` (`Iteration 3` from an Iteration field), and
 * a stated title that names no iteration is reported, never replaced by a guess. With nothing
 * stated, the candidates are guesses: its section headings, innermost first (each also cut at its
 * first `:`, so `Sprint 3: Auth` gives `Sprint 3`), then its milestone. A guess that names no
 * iteration is no value and is not reported, since most headings are no iteration.
 */
export interface IterationCandidates {
  titles: string[];
  /** 1 when `titles` is the one stated title, 0 when they are guesses. */
  stated: number;
}

export function iterationCandidates(located: LocatedTask): IterationCandidates {
  const { task } = located;
  const docFields = located.file.plan.fields;
  const stated = iterationText(statedTitle(task.fields) ?? statedTitle(docFields) ?? "");
  if (stated !== "") return { titles: [stated], stated: 1 };
  const guesses = [...task.section].reverse().flatMap((heading) => [heading, heading.split(":")[0]!]);
  if (task.milestone !== null) guesses.push(task.milestone);
  const titles: string[] = [];
  const seen = new Set<string>();
  for (const title of guesses) {
    const clean = iterationText(title);
    if (clean === "" || seen.has(iterationKey(clean))) continue;
    seen.add(iterationKey(clean));
    titles.push(clean);
  }
  return { titles, stated: 0 };
}

function statedTitle(fields: Readonly<Record<string, string>>): string | null {
  const sprint = fieldValue(fields, ["Sprint"]);
  if (sprint !== undefined) return /^\d{1,6}$/.test(sprint) ? `Sprint ${sprint}` : sprint;
  const iteration = fieldValue(fields, ["Iteration"]);
  if (iteration !== undefined) return /^\d{1,6}$/.test(iteration) ? `Iteration ${iteration}` : iteration;
  return null;
}

/** A title without decoration at its ends (`🏃 Sprint 3` → `Sprint 3`), single-spaced, at most 200 characters. */
export function iterationText(title: string): string {
  return title
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

/** How iteration titles compare: without decoration, single-spaced, ignoring case. */
export function iterationKey(title: string): string {
  return iterationText(title).toLowerCase();
}
