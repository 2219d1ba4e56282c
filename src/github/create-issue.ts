import type { IssueRef, Operation } from "../sync/sync-types.js";
import { findCreatedIssue, type CreatedIssue } from "./find-created-issue.js";
import { graphqlClient, markGraphqlUnsupported } from "./graphql-client.js";
import { graphqlCreateIssue } from "./graphql-create-issue.js";
import { NodeQueryError, type NodeIds } from "./node-ids.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { isUnknownIssueType, unknownTypeNote } from "./issue-type-refused.js";
import { readMarker, replaceMarker } from "../sync/marker.js";
import { describeError, isGraphqlUnsupported, isRateLimit, isRefusal, sendOnce } from "./write-policy.js";

type Create = Extract<Operation, { kind: "create-issue" }>;
export type LinkOp = Extract<Operation, { kind: "link-sub-issue" }>;

/** What a create needs from the rest of the sync. */
export interface CreateContext {
  nodes: NodeIds;
  /** The milestone's number, when the create names one that exists. */
  milestone: number | undefined;
  /** The number of an issue by reference; throws when its create failed earlier in this sync. */
  resolve: (ref: IssueRef) => number;
  /** Told of the issue as soon as it exists, before any link: later operations name it. */
  created: (issue: CreatedIssue) => void;
  /** Links a child to its parent through REST, as a separate `link-sub-issue` would. */
  link: (op: LinkOp) => Promise<unknown>;
  /** The owner's issue types by name, for `issueTypeId`; null or absent when none were read. */
  issueTypes?: ReadonlyMap<string, string> | null;
  /** Told a line for the check run (a type GitHub did not take). */
  noted?: (line: string) => void;
  /** Told when the issue was made without the type its marker recorded (GitHub refused it). */
  untyped?: () => void;
}

/**
 * The issue was made, but not under its parent: that issue's create failed earlier in this sync,
 * or the REST link after a REST create failed. The create is done; the link is reported on its
 * own (refused, or the failure that stops the sync), and the next sync plans it again.
 */
export class UnlinkedChildError extends Error {
  constructor(
    readonly created: CreatedIssue,
    readonly link: LinkOp,
    override readonly cause: unknown,
  ) {
    super(`${link.taskId}'s issue #${created.number} was created, but not as a sub-issue of ${link.parentTaskId}`);
  }
}

/**
 * Creates a task's issue in one write where GitHub allows it: GraphQL `createIssue` with its
 * labels, milestone, assignees and parent, so a child is born linked. REST does it instead, as
 * before (a create, then a link for a child), where GraphQL cannot: a host without these fields
 * (remembered for the client), a name with no node (a label deleted since the plan), or a
 * create GraphQL refused. A create whose outcome is unknown is looked for by its marker before
 * it is sent again, whichever API sent it.
 */
export async function createIssue(
  octokit: Octokit,
  repo: RepoRef,
  op: Create,
  context: CreateContext,
): Promise<CreatedIssue> {
  const parent = parentOf(op, context.resolve);
  const made =
    (await viaGraphql(octokit, repo, op, context, parent.number)) ?? (await viaRest(octokit, repo, op, context));
  context.created(made.issue);
  if (!op.parent || made.linked) return made.issue;
  const link = linkOp(op, made.issue);
  if (parent.error !== undefined) throw new UnlinkedChildError(made.issue, link, parent.error);
  try {
    await context.link(link);
  } catch (error) {
    throw new UnlinkedChildError(made.issue, link, error);
  }
  return made.issue;
}

interface Made {
  issue: CreatedIssue;
  /** Made under its parent already. */
  linked: boolean;
}

/** The parent's number, or why it has none (its create failed earlier in this sync). */
function parentOf(op: Create, resolve: CreateContext["resolve"]): { number?: number; error?: unknown } {
  if (!op.parent) return {};
  try {
    return { number: resolve(op.parent.issue) };
  } catch (error) {
    return { error };
  }
}

/** Null when GraphQL cannot make this one: REST makes it instead. Rate limits and unknown outcomes are thrown. */
async function viaGraphql(
  octokit: Octokit,
  repo: RepoRef,
  op: Create,
  context: CreateContext,
  parent: number | undefined,
): Promise<Made | null> {
  const graphql = graphqlClient(octokit);
  if (!graphql) return null;
  try {
    const named = await context.nodes.idsFor(graphql, op, parent);
    if ("unsupported" in named) {
      markGraphqlUnsupported(octokit, named.unsupported);
      return null;
    }
    if ("missing" in named) {
      octokit.log.debug(`${op.taskId}: GitHub has no ${named.missing}; creating its issue through REST`);
      return null;
    }
    const issueTypeId = op.type === undefined ? undefined : context.issueTypes?.get(op.type);
    // A type whose id the sync does not know goes by name, through REST.
    if (op.type !== undefined && issueTypeId === undefined) return null;
    const input = { ...named.ids, title: op.title, body: op.body, ...(issueTypeId && { issueTypeId }) };
    const issue = await sendOnce(
      () => graphqlCreateIssue(graphql, input, repo),
      () => findCreatedIssue(octokit, repo, op.body),
    );
    return { issue, linked: input.parentIssueId !== undefined };
  } catch (thrown) {
    const error = thrown instanceof NodeQueryError ? thrown.cause : thrown;
    if (isGraphqlUnsupported(error)) markGraphqlUnsupported(octokit, describeError(error));
    else if (isRateLimit(error) || !(isRefusal(error) || thrown instanceof NodeQueryError)) throw error;
    else if (!(thrown instanceof NodeQueryError)) return madeAnyway(octokit, repo, op, parent);
    // A schema that lacks what plansync sends, or ids GitHub would not give: nothing was made.
    return null;
  }
}

/**
 * GitHub refused the create with errors, but a mutation's errors need not mean nothing was made
 * (the issue created, then its parent link failed). Before REST sends it again, its marker is
 * looked for, as after an unknown outcome; one read, only on a refusal. A found issue not under
 * its parent (the listing's `parent_issue_url` says) gets its link through REST.
 */
async function madeAnyway(
  octokit: Octokit,
  repo: RepoRef,
  op: Create,
  parent: number | undefined,
): Promise<Made | null> {
  const found = await findCreatedIssue(octokit, repo, op.body);
  return found ? { issue: found, linked: parent !== undefined && found.parent === parent } : null;
}

async function viaRest(octokit: Octokit, repo: RepoRef, op: Create, context: CreateContext): Promise<Made> {
  const { milestone } = context;
  const send = (type: string | undefined, body = op.body) =>
    sendOnce(
      async (): Promise<CreatedIssue> => {
        const { data } = await octokit.rest.issues.create({
          ...repo,
          title: op.title,
          body,
          labels: op.labels,
          ...(milestone !== undefined && { milestone }),
          ...(op.assignees.length > 0 && { assignees: op.assignees }),
          ...(type !== undefined && { type }),
        });
        return { number: data.number, id: data.id, nodeId: data.node_id };
      },
      () => findCreatedIssue(octokit, repo, body),
    );
  try {
    return { issue: await send(op.type), linked: false };
  } catch (error) {
    // A type GitHub does not know costs the issue nothing: it is made without one, and said once.
    // Its marker then records no type: none was agreed, so a later sync sets it once it exists.
    if (op.type === undefined || !isUnknownIssueType(error)) throw error;
    context.noted?.(unknownTypeNote(repo, op.type));
    context.untyped?.();
    return { issue: await send(undefined, recordingType(op.body, undefined)), linked: false };
  }
}

/**
 * The body with its marker recording `type` as the agreed type, or none (undefined): what is true
 * once GitHub refused the type sent with it. A body without a marker is returned as it is.
 */
export function recordingType(body: string, type: string | null | undefined): string {
  const marker = readMarker(body);
  if (!marker) return body;
  const { type: _sent, ...rest } = marker;
  return replaceMarker(body, type === undefined ? rest : { ...rest, type });
}

function linkOp(op: Create, child: CreatedIssue): LinkOp {
  return {
    kind: "link-sub-issue",
    parent: op.parent!.issue,
    child: { number: child.number },
    taskId: op.taskId,
    parentTaskId: op.parent!.taskId,
    replace: false,
  };
}
