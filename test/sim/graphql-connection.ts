import { GitHubGraphqlError } from "./graphql-errors.js";

/** A Relay connection over an in-memory list, with GitHub's rules for its page arguments. */

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** GitHub's ceiling on `first`/`last` for every connection. */
const MAX_PAGE = 100;

export function connection<T, N>(field: string, items: readonly T[], args: PageArgs, toNode: (item: T) => N) {
  const size = pageSize(field, args);
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : items.length;
  end = Math.max(start, Math.min(end, items.length));
  if (args.first != null) end = Math.min(end, start + size);
  else start = Math.max(start, end - size);
  const edges = items.slice(start, end).map((item, i) => ({ cursor: cursorAt(start + i), node: toNode(item) }));
  return {
    totalCount: items.length,
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function pageSize(field: string, args: PageArgs): number {
  const size = args.first ?? args.last;
  if (size == null)
    throw new GitHubGraphqlError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
    );
  const which = args.first != null ? "first" : "last";
  if (size > MAX_PAGE)
    throw new GitHubGraphqlError(
      "EXCESSIVE_PAGINATION",
      `Requesting ${size} records on the \`${field}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`,
    );
  return Math.max(0, size);
}

/** Cursors are opaque to clients; here they are the base64 of the position, as GitHub's once were. */
function cursorAt(index: number): string {
  return Buffer.from(`cursor:${index + 1}`).toString("base64");
}

function indexOf(cursor: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw new GitHubGraphqlError("UNPROCESSABLE", `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]) - 1;
}
