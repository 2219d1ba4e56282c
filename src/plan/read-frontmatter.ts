import matter from "gray-matter";
import { PROJECT_URL } from "../config/project-url.js";
import type { Diagnostic, Milestone } from "./plan-types.js";
import { findPlaceholder } from "./placeholder.js";
import { BAD_FRONTMATTER } from "./unreadable-plan.js";

export interface FrontmatterResult {
  milestone: Milestone | null;
  /** The frontmatter's `project:` board address when valid (see projectFromData); null otherwise. */
  project: string | null;
  diagnostics: Diagnostic[];
  /** True when the YAML could not be read: the whole file is then reported, not half-read. */
  failed: boolean;
}

const CLOSED_STATUSES = new Set(["completed", "complete", "done", "closed"]);
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Reads the frontmatter block's YAML. gray-matter is given the block alone and an options
 * object: with no options it caches results, sharing `data` objects between calls.
 */
export function readFrontmatter(block: string, line: number): FrontmatterResult {
  let data: Record<string, unknown>;
  try {
    data = matter(block, { excerpt: false }).data as Record<string, unknown>;
  } catch (error) {
    return { milestone: null, project: null, failed: true, diagnostics: [badFrontmatter(error, line)] };
  }
  const { milestone, diagnostics } = milestoneFromData(data, line);
  const project = projectFromData(data, block, line, diagnostics);
  return { failed: false, milestone, project, diagnostics };
}

/**
 * `project: https://github.com/orgs/acme/projects/7`: the board this doc's tasks go on. A value
 * that is no project address is reported on its line and ignored, so config `project.url` applies.
 */
export function projectFromData(
  data: Record<string, unknown>,
  block: string,
  line: number,
  diagnostics: Diagnostic[],
): string | null {
  if (data.project === undefined || data.project === null || data.project === "") return null;
  const text = typeof data.project === "string" ? data.project.trim() : "";
  if (PROJECT_URL.test(text)) return text;
  const shown = typeof data.project === "string" ? JSON.stringify(text.slice(0, 80)) : "(not text)";
  diagnostics.push({
    severity: "warning",
    code: "bad-project",
    message: `project ${shown} is not a project's address. Write it as https://github.com/orgs/<org>/projects/<number> (or users/<login>/projects/<number>); until then this doc's tasks use the config's project.`,
    line: keyLine(block, "project", line),
    column: 1,
  });
  return null;
}

/** The line of a top-level key in the block (which starts at `line`), else the block's line. */
function keyLine(block: string, key: string, line: number): number {
  const index = block.split("\n").findIndex((text) => text.startsWith(`${key}:`));
  return index === -1 ? line : line + index;
}

/** The frontmatter block's YAML as data, or null when it cannot be read (readFrontmatter reports that). */
export function frontmatterData(block: string): Record<string, unknown> | null {
  try {
    const data: unknown = matter(block, { excerpt: false }).data;
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function badFrontmatter(error: unknown, line: number): Diagnostic {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return {
    severity: "error",
    code: BAD_FRONTMATTER,
    message: `Frontmatter is not valid YAML (${reason}). Fix the YAML between the --- fences; plansync read no tasks from this file.`,
    line,
    column: 1,
  };
}

function milestoneFromData(data: Record<string, unknown>, line: number) {
  const diagnostics: Diagnostic[] = [];
  const title = stringField(data.milestone_name) ?? stringField(data.milestone_id);
  if (title === null) return { milestone: null, diagnostics };
  const placeholder = findPlaceholder(title);
  if (placeholder) {
    diagnostics.push(placeholderWarning(`milestone_name ${JSON.stringify(title)}`, placeholder, line));
    return { milestone: null, diagnostics };
  }
  const dueOn = readDueDate(data.target_completion, line, diagnostics);
  const startKey = START_KEYS.find((key) => data[key] !== undefined && data[key] !== null && data[key] !== "");
  const startOn = startKey ? readDueDate(data[startKey], line, diagnostics, startKey) : null;
  const status = stringField(data.status)?.toLowerCase() ?? "";
  const state = CLOSED_STATUSES.has(status) ? "closed" : "open";
  const milestone: Milestone = { title, dueOn, state, stated: status !== "", line };
  // Only when the doc names one: a milestone without keeps the shape it always had.
  if (startOn !== null) milestone.startOn = startOn;
  return { milestone, diagnostics };
}

/** Frontmatter keys naming the day a milestone starts (a board's Start date), first found wins. */
const START_KEYS = ["start_date", "start", "started"];

/** YAML turns unquoted dates into Date objects (at UTC midnight); quoted ones stay strings. */
function readDueDate(
  value: unknown,
  line: number,
  diagnostics: Diagnostic[],
  key = "target_completion",
): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const text = String(value);
  const match = DATE_PREFIX.exec(text);
  if (match && !Number.isNaN(Date.parse(`${match[1]}-${match[2]}-${match[3]}T12:00:00Z`))) return match[0];
  diagnostics.push({
    severity: "warning",
    code: "bad-date",
    message: `${key} ${JSON.stringify(text)} is not a date. Write it as YYYY-MM-DD; the milestone gets no ${key === "target_completion" ? "due" : "start"} date until then.`,
    line,
    column: 1,
  });
  return null;
}

export function placeholderWarning(what: string, placeholder: string, line: number, column = 1): Diagnostic {
  return {
    severity: "warning",
    code: "placeholder",
    message: `${what} still holds the template placeholder ${placeholder}. Replace it with real text.`,
    line,
    column,
  };
}

function stringField(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}
