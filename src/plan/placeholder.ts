/**
 * Template placeholders left unfilled: `{{feature_name}}`, `{MILESTONE_NAME}`, `{X}`, `{Title}`.
 * Single braces need a capital first letter, so route parameters like `/invoices/{id}` pass.
 * Bounded: the braces hold at most 80 characters and no nested braces.
 */
const PLACEHOLDER = /\{\{[^{}]{1,80}\}\}|\{[A-Z][A-Za-z0-9_]{0,80}\}/;

export function findPlaceholder(text: string): string | null {
  return PLACEHOLDER.exec(text)?.[0] ?? null;
}
