import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import { optionKey, statusOfOption } from "../sync/board-status.js";
import type { BoardState, StatusRole } from "../sync/board-types.js";
import type { Marker } from "../sync/sync-types.js";
import { boardGraphql } from "./board-client.js";
import type { Octokit } from "./octokit.js";
import { readBoard } from "./read-board.js";

/** A project key as the marker records it (board-values.ts projectKey): `orgs/acme/7`. */
const PROJECT_KEY = /^(orgs|users)\/([a-z0-9][a-z0-9-]{0,38})\/([1-9]\d{0,9})$/;

/** An issue the write-back may owe a board's Status to: its node id and its (trusted) marker. */
export interface CardIssue {
  number: number;
  nodeId: string;
  marker: Marker;
}

/**
 * The Status of each issue's card on the project its marker names, in doc terms, for issues
 * whose marker records an agreed Status (only a move away from it counts). One query per project
 * and one per 100 cards (read-board.ts); none when no marker records a card. A card not on the
 * board, a Status no configured option name reads as, or a project plansync cannot read gives no
 * entry: nothing to write back, and the sync reports the project's problem.
 */
export async function readCardStatuses(
  octokit: Octokit,
  issues: readonly CardIssue[],
  config: PlansyncConfig,
  log: Logger,
): Promise<Map<number, StatusRole>> {
  const statuses = new Map<number, StatusRole>();
  // The board client (board-client.ts): under the Action, `project-token`, as the sync reads boards.
  const graphql = boardGraphql(octokit);
  const carded = issues.filter((i) => i.nodeId && !i.marker.epic && i.marker.board?.f.status !== undefined);
  if (!graphql || carded.length === 0) return statuses;
  const urls = [...new Set(carded.flatMap((i) => projectUrlOf(i.marker.board!.p) ?? []))];
  if (urls.length === 0) return statuses;
  const board = await readBoard(graphql, urls, carded);
  for (const problem of board.problems)
    log.warn({ project: problem.url, reason: problem.reason }, `Not reading the board's Status: ${problem.message}`);
  for (const issue of carded) {
    const status = cardStatus(board, issue, config);
    if (status !== null) statuses.set(issue.number, status);
  }
  return statuses;
}

/**
 * The project's address from the marker's key. The marker is issue text anyone who may edit the
 * issue can change: only a well-formed key is asked about, and the host does not matter (the
 * query names the owner and number; the client's own host answers).
 */
function projectUrlOf(key: string): string | null {
  const match = PROJECT_KEY.exec(key);
  return match ? `https://github.com/${match[1]}/${match[2]}/projects/${match[3]}` : null;
}

function cardStatus(board: BoardState, issue: CardIssue, config: PlansyncConfig): StatusRole | null {
  const key = issue.marker.board!.p;
  const project = board.projects.get(key);
  const item = board.items.get(key)?.get(issue.number);
  if (!project || !item) return null;
  const wanted = optionKey(config.project.fields.status);
  const field = project.fields.find((f) => f.dataType === "SINGLE_SELECT" && optionKey(f.name) === wanted);
  const value = field && item.values[field.id];
  if (!field || !value || !("singleSelectOptionId" in value)) return null;
  const option = field.options?.find((o) => o.id === value.singleSelectOptionId);
  return option ? statusOfOption(option.name, config) : null;
}
