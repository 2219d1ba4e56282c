import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import { optionKey, statusOfOption } from "../sync/board-status.js";
import type { BoardState, ProjectBoard, ProjectField, StatusRole } from "../sync/board-types.js";
import type { Marker } from "../sync/sync-types.js";
import { taskProjectKey } from "../writeback/pending-issue.js";
import { BoardCards, setProjectField } from "./apply-board.js";
import { boardGraphql } from "./board-client.js";
import type { GraphqlClient } from "./graphql-client.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { readBoard } from "./read-board.js";
import { readFileWithSha } from "./read-file-with-sha.js";
import { describeError, isRateLimit } from "./write-policy.js";

/** A project key as the marker records it (board-values.ts projectKey): `orgs/acme/7`. */
const PROJECT_KEY = /^(orgs|users)\/([a-z0-9][a-z0-9-]{0,38})\/([1-9]\d{0,9})$/;

/** An issue the write-back may owe a board's Status to: its node id and its (trusted) marker. */
export interface CardIssue {
  number: number;
  nodeId: string;
  marker: Marker;
}

/**
 * What one write-back job shares between its card reads (its own issues, then a pull request's
 * listing): where the docs are read, and who may steer it, each asked once.
 */
export interface CardJob {
  repo: RepoRef;
  /** The branch whose docs name each task's project (config `branch`, else the default branch). */
  branch: () => Promise<string>;
  /** Whether a login may close the repository's issues (push-access.ts closeAccess), cached per job. */
  mayClose: (login: string) => Promise<boolean>;
  /** Each doc's text at the branch, read once per job (null: gone or unreadable). */
  texts?: Map<string, Promise<string | null>>;
}

/** Who last set the card's Status: the value's creator (GitHub records who set it). */
const STATUS_MOVER = `query PlansyncStatusMover($id: ID!, $field: String!) {
  node(id: $id) {
    ... on ProjectV2Item {
      fieldValueByName(name: $field) {
        ... on ProjectV2ItemFieldSingleSelectValue { optionId creator { __typename login } }
      }
    }
  }
}`;

interface MoverAnswer {
  node: {
    fieldValueByName?: { optionId?: string | null; creator?: { __typename?: string; login?: string } | null } | null;
  } | null;
}

/**
 * The Status of each issue's card on the project its marker names, in doc terms, for issues
 * whose marker records an agreed Status (only a move away from it counts). One query per project
 * and one per 100 cards (read-board.ts); none when no marker records a card. A card not on the
 * board, a Status no configured option name reads as, or a project plansync cannot read gives no
 * entry: nothing to write back, and the sync reports the project's problem.
 *
 * A Status that moved away from the agreed one counts only when (README threat model, Board to doc):
 * - the project is still the task's: its doc (frontmatter `project:`, else config `project.url`)
 *   names the marker's project; a card left on a board the doc no longer names writes nothing.
 *   One read of the doc per job.
 * - whoever set the value may close the repository's issues (triage or higher), or is plansync:
 *   one query for the value's creator, and one permission read per person per job. A move by
 *   anyone else (a project-only collaborator, a read-only member) is refused: nothing is written to
 *   the doc or the issue, and the card is set back to the agreed Status (one board write), so the
 *   doc wins and no later sync queues the same refused move again.
 */
export async function readCardStatuses(
  octokit: Octokit,
  issues: readonly CardIssue[],
  config: PlansyncConfig,
  log: Logger,
  job: CardJob,
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
    const card = cardStatus(board, issue, config);
    if (card === null) continue;
    if (card.status === issue.marker.board!.f.status) {
      statuses.set(issue.number, card.status);
      continue;
    }
    if (!(await onTasksProject(octokit, issue, config, log, job))) continue;
    if (!(await movedByCollaborator(graphql, issue, card, log, job))) {
      await setBack(octokit, board, issue, card, config, log, job);
      continue;
    }
    statuses.set(issue.number, card.status);
  }
  return statuses;
}

/** Whether the doc, as it is on the branch, still puts the task on the marker's project. */
async function onTasksProject(
  octokit: Octokit,
  issue: CardIssue,
  config: PlansyncConfig,
  log: Logger,
  job: CardJob,
): Promise<boolean> {
  const texts = (job.texts ??= new Map());
  const file = issue.marker.file;
  let text = texts.get(file);
  if (!text) {
    text = job.branch().then(async (branch) => (await readFileWithSha(octokit, job.repo, file, branch))?.text ?? null);
    texts.set(file, text);
  }
  const body = await text;
  const key = body === null ? undefined : taskProjectKey(body, issue.marker, config);
  if (key === issue.marker.board!.p) return true;
  log.info(
    { issue: issue.number, card: issue.marker.board!.p, project: key ?? null },
    "Ignoring a Status move on a project that is not the task's",
  );
  return false;
}

/**
 * Whether the card's Status was set by someone who may close the repository's issues (or by
 * plansync). The value's creator is asked for: a value changed since the board was read, or one
 * whose setter GitHub does not say, is no move this time.
 */
async function movedByCollaborator(
  graphql: GraphqlClient,
  issue: CardIssue,
  card: CardRead,
  log: Logger,
  job: CardJob,
): Promise<boolean> {
  const data = await graphql<MoverAnswer>(STATUS_MOVER, { id: card.itemId, field: card.field.name });
  const value = data.node?.fieldValueByName;
  const login = value?.creator?.login;
  if (!value || value.optionId !== card.optionId || !login) {
    log.info({ issue: issue.number }, "Not writing back a Status whose setter GitHub did not say");
    return false;
  }
  // GraphQL names an app's bot without the `[bot]` REST and the marker's identity use.
  const bot = value.creator?.__typename === "Bot" && !login.endsWith("[bot]") ? `${login}[bot]` : null;
  if ((bot !== null && (await job.mayClose(bot))) || (await job.mayClose(login))) return true;
  log.warn(
    { issue: issue.number, mover: login, status: card.status },
    "Refusing a Status move by someone who cannot close the repository's issues; the card is set back",
  );
  return false;
}

/**
 * A refused move: the card goes back to the agreed Status (the first configured name for it the
 * board has), through the sync's own board write. Its `projects_v2_item` event is plansync's and
 * ignored. A refused write (a board plansync may only read) is logged: the move stays unwritten.
 */
async function setBack(
  octokit: Octokit,
  board: BoardState,
  issue: CardIssue,
  card: CardRead,
  config: PlansyncConfig,
  log: Logger,
  job: CardJob,
): Promise<void> {
  const agreed = issue.marker.board!.f.status as StatusRole;
  const names = config.project.status[agreed] ?? [];
  const option = names
    .map((name) => card.field.options?.find((o) => optionKey(o.name) === optionKey(name)))
    .find((o) => o !== undefined);
  if (!option) return;
  const key = card.project.key;
  const op = {
    kind: "set-project-field" as const,
    issue: { number: issue.number },
    taskId: issue.marker.id,
    project: key,
    projectId: card.project.id,
    fieldId: card.field.id,
    field: card.field.name,
    value: { singleSelectOptionId: option.id },
  };
  try {
    await setProjectField(
      octokit,
      job.repo,
      op,
      issue.number,
      new BoardCards(new Map([[issue.number, issue.nodeId]]), board),
    );
    log.info(
      { issue: issue.number, project: key, status: option.name },
      "Set the card's Status back to the agreed one",
    );
  } catch (error) {
    if (isRateLimit(error)) throw error;
    log.warn(
      { issue: issue.number, project: key, error: describeError(error) },
      "Could not set the card's Status back",
    );
  }
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

interface CardRead {
  status: StatusRole;
  project: ProjectBoard;
  field: ProjectField;
  itemId: string;
  optionId: string;
}

function cardStatus(board: BoardState, issue: CardIssue, config: PlansyncConfig): CardRead | null {
  const key = issue.marker.board!.p;
  const project = board.projects.get(key);
  const item = board.items.get(key)?.get(issue.number);
  if (!project || !item) return null;
  const wanted = optionKey(config.project.fields.status);
  const field = project.fields.find((f) => f.dataType === "SINGLE_SELECT" && optionKey(f.name) === wanted);
  const value = field && item.values[field.id];
  if (!field || !value || !("singleSelectOptionId" in value)) return null;
  const option = field.options?.find((o) => o.id === value.singleSelectOptionId);
  const status = option ? statusOfOption(option.name, config) : null;
  return status === null ? null : { status, project, field, itemId: item.itemId, optionId: option!.id };
}
