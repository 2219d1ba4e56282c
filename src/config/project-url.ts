/*
 * Kept apart from config-schema.ts, with no imports: the parse worker reads a doc's frontmatter
 * `project:` with it, and pulling zod into every parse thread costs memory the pool bounds.
 */

/**
 * `https://github.com/orgs/acme/projects/7` or `https://github.com/users/octo/projects/3` (any
 * GitHub host), also as copied from the browser: a view (`…/projects/7/views/1`), a trailing `/`,
 * a query (`?layout=board`) or a `#fragment`. Groups: `orgs`|`users`, login, number.
 */
export const PROJECT_URL =
  /^https:\/\/[^/\s?#]+\/(orgs|users)\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/projects\/([1-9]\d{0,9})(?:\/views\/[1-9]\d{0,9})?\/?(?:\?[^\s#]*)?(?:#\S*)?$/;

/** A project's address without view, query or fragment (`https://github.com/orgs/acme/projects/7`); null for no project's address. */
export function projectUrlOf(text: string): string | null {
  const url = text.trim();
  const match = PROJECT_URL.exec(url);
  // The host and login hold no `/`, so the first `/projects/` is the path's.
  return match ? url.slice(0, url.indexOf("/projects/") + "/projects/".length + match[3]!.length) : null;
}
