import type { Context } from "probot";
import { readMarker } from "../sync/marker.js";
import type { AppServices } from "./app-services.js";
import { queueWriteBack } from "./queue-write-back.js";

/** The first read a card event costs: which repository's issue the card is (the payload names none). */
const ISSUE_OF_CARD = `query PlansyncCardIssue($id: ID!) {
  node(id: $id) {
    __typename
    ... on Issue { number body repository { name owner { login } } }
  }
}`;

interface CardIssueAnswer {
  node: {
    __typename: string;
    number?: number;
    body?: string | null;
    repository?: { name: string; owner: { login: string } };
  } | null;
}

/**
 * A card's field changed on a Projects board (`projects_v2_item.edited`). GitHub sends these for
 * organisation projects only, and the payload names no repository, so the card's issue is looked
 * up with one GraphQL node query. The write-back job then decides everything from fresh reads
 * (the issue's marker, ownership, the card's Status against the agreed one), through the same
 * window as closes. Before any request: only an Issue's card, only a field value change, never
 * plansync's own board writes. After it: only an issue whose marker records a card, in a
 * repository the installation covers (one listing read: a public repository of the same
 * organisation reads fine without being covered, and would refuse the job's writes).
 */
export async function handleProjectItem(
  context: Context<"projects_v2_item.edited">,
  services: AppServices,
): Promise<void> {
  const { projects_v2_item: item, changes, installation, sender } = context.payload;
  const fieldValue = changes && "field_value" in changes ? changes.field_value : undefined;
  if (item.content_type !== "Issue" || !fieldValue) return;
  // Status is a single select; newer payloads say the field's type, older ones do not.
  const fieldType = fieldValue.field_type;
  if (fieldType !== undefined && fieldType !== "single_select") return;
  const creator = await services.creator();
  if (creator !== null && sender?.login.toLowerCase() === creator.toLowerCase()) return;
  const issue = await cardIssue(context, item.content_node_id);
  // A board may hold issues of any organisation's repositories; this installation is the
  // project owner's, and only that account's repositories can be its.
  if (!issue || issue.owner.toLowerCase() !== context.payload.organization?.login.toLowerCase()) return;
  const marker = readMarker(issue.body);
  if (!marker?.board || marker.epic) return;
  // A public repository of the same organisation reads fine without being the installation's,
  // but refuses its writes: a job queued for it would fail and be retried for nothing.
  if (!(await installationCovers(context, issue.owner, issue.repo))) {
    context.log.info(
      { repo: `${issue.owner}/${issue.repo}` },
      "Ignoring a card of a repository this installation does not cover",
    );
    return;
  }
  await queueWriteBack(services, { installationId: installation?.id, owner: issue.owner, repo: issue.repo }, [
    issue.number,
  ]);
}

/**
 * The card's issue, or null for anything else (a pull request, a draft that became something
 * else) and for an issue in a repository this installation cannot read: GitHub answers
 * NOT_FOUND (or null) for a node the token may not see, and plansync has nothing to write there.
 */
async function cardIssue(context: Context<"projects_v2_item.edited">, id: string) {
  let answer: CardIssueAnswer;
  try {
    answer = await context.octokit.graphql<CardIssueAnswer>(ISSUE_OF_CARD, { id });
  } catch (error) {
    if (!isNodeNotFound(error)) throw error;
    context.log.info({ node: id }, "Ignoring a card whose issue this installation cannot read");
    return null;
  }
  const node = answer.node;
  if (node?.__typename !== "Issue" || node.number === undefined || !node.repository) return null;
  return { number: node.number, body: node.body ?? "", owner: node.repository.owner.login, repo: node.repository.name };
}

/** octokit's GraphqlResponseError carries GitHub's `errors`; NOT_FOUND is the node's only "absent". */
function isNodeNotFound(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === "NOT_FOUND");
}

/**
 * Whether the installation's repositories include this one: its listing, 100 a page (a
 * conditional request, so an unchanged page costs no rate limit), read until the repository is found.
 */
async function installationCovers(
  context: Context<"projects_v2_item.edited">,
  owner: string,
  repo: string,
): Promise<boolean> {
  const octokit = context.octokit;
  const pages = octokit.paginate.iterator(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for await (const { data } of pages)
    if (data.some((r) => same(r.owner.login, owner) && same(r.name, repo))) return true;
  return false;
}
