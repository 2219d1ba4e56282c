import type { BoardProblem } from "../sync/board-types.js";
import { describeError } from "./write-policy.js";

/**
 * Why a board cannot be used, in a few words with GitHub's own: the check run's line adds the
 * fix (board-notes.ts problemNote), one line per project.
 */
export function boardProblem(
  project: { key: string; url: string },
  reason: BoardProblem["reason"],
  error: unknown,
): BoardProblem {
  return { key: project.key, url: project.url, reason, message: messageFor(project.url, reason, error) };
}

function messageFor(url: string, reason: BoardProblem["reason"], error: unknown): string {
  const said = error === null || error === undefined ? "" : ` (${oneLine(error)})`;
  switch (reason) {
    // GitHub's words add nothing to these two ("Resource not accessible by integration"), and the line is short.
    case "forbidden":
      return `plansync cannot reach ${url}.`;
    case "missing":
      return `${url} was not found.`;
    case "elsewhere":
      return `${url} is on another GitHub host than this repository, and plansync reaches only the repository's own.`;
    case "unsupported":
      return `${url} could not be read${said}.`;
    case "limit":
      return `${url} was not read: one sync reads only a few projects.`;
  }
}

/** GitHub's words, on one short line. */
function oneLine(error: unknown): string {
  const errors = (error as { errors?: { message?: unknown }[] }).errors;
  const words = Array.isArray(errors)
    ? `GitHub said: ${errors.map((e) => String(e.message ?? "")).join("; ")}`
    : describeError(error);
  return words.replace(/\s+/g, " ").slice(0, 200);
}
