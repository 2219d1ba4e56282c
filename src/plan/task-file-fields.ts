import type { IdMatcher } from "./id-matcher.js";
import type { Diagnostic } from "./plan-types.js";

/** A frontmatter scalar as text: strings trimmed, numbers written out; anything else is null. */
export function scalarText(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** A YAML list (`[a, b]` or `- a`) or a comma-separated string, as trimmed non-empty texts. */
export function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [value];
  return [...new Set(items.map(scalarText).filter((item): item is string => item !== null))];
}

/** A GitHub login, `@` optional: letters, digits and inner hyphens, at most 39 characters. */
const LOGIN = /^@?[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

/**
 * Assignees as `@login` handles, the form desired-issue.ts reads from an `Assignee` field. An
 * entry that is no login (`bob@example.com`, `Alice Smith <alice@…>`) is reported and skipped:
 * picking handles out of it would assign, and notify, whoever owns the mail domain's name.
 */
export function assigneeField(value: unknown, line: number, diagnostics: Diagnostic[]): string | null {
  const handles: string[] = [];
  for (const name of listOf(value)) {
    if (LOGIN.test(name)) handles.push(name.startsWith("@") ? name : `@${name}`);
    else diagnostics.push(notALogin(name, line));
  }
  return handles.length ? handles.join(", ") : null;
}

function notALogin(name: string, line: number): Diagnostic {
  return {
    severity: "warning",
    code: "bad-assignee",
    message: `assignee ${JSON.stringify(name.slice(0, 60))} is not a GitHub login, so no one is assigned for it. Write the login, such as \`@alice\`.`,
    line,
    column: 1,
  };
}

const PRIORITIES = new Set(["critical", "high", "medium", "low"]);

/** `priority: high` gives the label a priority section gives (`priority: high`, `priority: P1`). */
export function priorityLabels(value: unknown, line: number, diagnostics: Diagnostic[]): string[] {
  const text = scalarText(value);
  if (text === null) return [];
  const lower = text.toLowerCase();
  if (PRIORITIES.has(lower)) return [`priority: ${lower}`];
  if (/^p\d$/.test(lower)) return [`priority: ${lower.toUpperCase()}`];
  diagnostics.push({
    severity: "warning",
    code: "unknown-priority",
    message: `priority ${JSON.stringify(text.slice(0, 40))} is none of critical, high, medium, low or P0–P9, so the issue gets no priority label. Write one of those.`,
    line,
    column: 1,
  });
  return [];
}

/** `dependencies:` entries that are task IDs, in any case (they are declared, as `id:` is); any other entry is reported, not guessed at. */
export function dependencyIds(value: unknown, matcher: IdMatcher, line: number, diagnostics: Diagnostic[]): string[] {
  const ids: string[] = [];
  for (const entry of listOf(value)) {
    if (matcher.isId(entry) || matcher.isId(entry.toUpperCase())) ids.push(entry);
    else
      diagnostics.push({
        severity: "warning",
        code: "bad-dependency",
        message: `dependencies entry ${JSON.stringify(entry.slice(0, 60))} is not a task ID, so no "blocked by" link is made for it. Write the ID of the task this one waits for.`,
        line,
        column: 1,
      });
  }
  return ids;
}
